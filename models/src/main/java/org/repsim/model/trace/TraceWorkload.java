package org.repsim.model.trace;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.repsim.core.kernel.Scheduler;
import org.repsim.core.kernel.Tie;
import org.repsim.model.HostIo;
import org.repsim.model.Volume;
import org.repsim.model.workload.Host;
import org.repsim.model.workload.Workload;

/**
 * Replays a block trace as host I/O (docs/model.md §2), streaming: one record is read ahead, so memory
 * does not depend on the trace's length.
 *
 * <p>Mapping: a trace device goes to {@code volumes.get(name)} where {@code name} is the device
 * id ({@code prxy/0} for MSR, the ASU for SPC) or, failing that, its disk number (the part after
 * the last {@code /}); with an empty map, device i (in order of first appearance) goes to the
 * i-th of the workload's volumes. An I/O keeps its byte offset {@code o} and size {@code s}
 * (docs/model.md §2): it starts at {@code o mod volumeSize} (wrapped into the volume when the trace
 * addresses more than the volume holds), is cut at the volume's end, and covers the tracks its
 * bytes fall in.
 *
 * <p>Timing: {@code trace} issues each I/O at its (scaled) trace time; {@code synthetic} keeps
 * only the sequence and issues it closed-loop from one stream (next I/O when the previous one
 * completed).
 */
public final class TraceWorkload implements Workload {
    private final String id;
    private final Scheduler scheduler;
    private final Host host;
    private final TraceReader reader;
    private final Map<String, Volume> byDevice;
    private final List<Volume> inOrder;
    private final int streamId;
    private final Runnable issueNext = this::issueNext;
    private final Consumer<HostIo> onDone = this::onDone;
    private long fromNs;
    private long untilNs;

    public TraceWorkload(String id, Scheduler scheduler, Host host, TraceReader reader, Map<String, Volume> byDevice,
            List<Volume> inOrder) {
        if (byDevice.isEmpty() && inOrder.isEmpty()) {
            throw new IllegalArgumentException("trace workload " + id + " has no volumes");
        }
        this.id = id;
        this.scheduler = scheduler;
        this.host = host;
        this.reader = reader;
        this.byDevice = Map.copyOf(byDevice);
        this.inOrder = List.copyOf(inOrder);
        this.streamId = host.newStream();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void start(long fromNs, long untilNs) {
        this.fromNs = fromNs;
        this.untilNs = untilNs;
        scheduleNext();
    }

    private boolean synthetic() {
        return reader.timing() == TraceOptions.Timing.SYNTHETIC;
    }

    /** Reads the next record and schedules its issue; closes the trace at its end or the run's. */
    private void scheduleNext() {
        if (!reader.next()) {
            reader.close();
            return;
        }
        long at = synthetic() ? scheduler.now() : fromNs + reader.record().timeNs();
        if (at < Math.max(scheduler.now(), fromNs)) {
            at = Math.max(scheduler.now(), fromNs);
        }
        if (at >= untilNs) {
            reader.close();
            return;
        }
        scheduler.post(at, Tie.ARRIVAL, issueNext);
    }

    private void issueNext() {
        TraceRecord r = reader.record();
        Volume v = volumeOf(r);
        long volumeBytes = v.sizeBytes();
        long offset = Math.floorMod(r.offsetBytes(), volumeBytes);
        long size = Math.min(r.sizeBytes(), volumeBytes - offset);
        HostIo io = host.newIoAt(v, offset, size, r.isWrite(), streamId, -1);
        host.issue(io, onDone);
        if (!synthetic()) {
            scheduleNext();
        }
    }

    private void onDone(HostIo io) {
        if (synthetic()) {
            scheduleNext();
        }
    }

    private Volume volumeOf(TraceRecord r) {
        if (byDevice.isEmpty()) {
            int i = r.deviceIndex();
            if (i >= inOrder.size()) {
                throw new IllegalArgumentException(reader.path().getFileName() + ":" + r.lineNumber() + ": trace device \""
                        + r.device() + "\" is device #" + (i + 1) + " of the trace but workload " + id + " has only "
                        + inOrder.size() + " volume(s); map devices with \"disks\"");
            }
            return inOrder.get(i);
        }
        Volume v = byDevice.get(r.device());
        if (v == null) {
            String disk = r.device().substring(r.device().lastIndexOf('/') + 1);
            v = byDevice.get(disk);
        }
        if (v == null) {
            throw new IllegalArgumentException(reader.path().getFileName() + ":" + r.lineNumber() + ": trace device \""
                    + r.device() + "\" is not mapped by workload " + id + "'s \"disks\" " + byDevice.keySet());
        }
        return v;
    }
}
