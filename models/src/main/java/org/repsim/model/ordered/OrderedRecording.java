package org.repsim.model.ordered;

import java.util.List;
import org.repsim.core.kernel.Scheduler;
import org.repsim.core.result.Metric;
import org.repsim.core.signal.Recording;
import org.repsim.core.signal.Signal;
import org.repsim.core.signal.Signals;
import org.repsim.core.stats.Counter;
import org.repsim.core.stats.LagMeter;
import org.repsim.core.stats.Tally;
import org.repsim.core.stats.TimeWeighted;

/**
 * Recording configuration of the ordered engine (DOMAIN §4 measures), for the composition root.
 * Aggregates over all {@link OrderedReplication} engines of a run (one per primary box).
 *
 * <p>Summary metrics (base units): {@code ordered.reorder.depth.mean/.max} (subtasks, time-weighted
 * total over engines), {@code ordered.reorder.taskDepth.max} (largest subqueue of one task),
 * {@code ordered.reorder.depthPerTask.mean} (time-weighted total depth / active tasks),
 * {@code ordered.outOfOrder}, {@code ordered.rejected}, {@code ordered.wait.mean/.max} (s, prepared →
 * dispatched), {@code ordered.waited.fraction}, {@code ordered.dispatched}, {@code ordered.written},
 * {@code ordered.check.entries}, {@code ordered.check.cpu} (s), {@code ordered.prepare.utilization},
 * {@code ordered.sender.utilization}, {@code ordered.backlog.tracks.mean/.max},
 * {@code ordered.backlog.bytes.mean/.max}, {@code ordered.pass.duration.mean/.max} (s),
 * {@code ordered.pass.count}, {@code rpo.lag.mean/.max} (s), {@code rpo.aboveTarget.fraction}.
 *
 * <p>Recovery-point lag over several engines: the system's reference is the oldest
 * {@link OrderedReplication#securedUpToNs()} of all engines (every write before it is secured
 * everywhere).
 *
 * <p>Time-series columns: {@code queue.reorder} (subtasks queued now), {@code rpo.lag} (s, now),
 * {@code ordered.backlog.tracks}, {@code ordered.backlog.bytes}.
 */
public final class OrderedRecording {
    private final Scheduler scheduler;
    private final List<OrderedReplication> engines;
    private final LagMeter lag;
    private final long[] depth;
    private final long[] active;
    private final long[] backlogTracks;
    private final long[] backlogBytes;
    private long totalDepth;
    private long totalActive;
    private final TimeWeighted depthLevel;
    private final TimeWeighted depthPerTask;
    private final TimeWeighted backlogTracksLevel;
    private final TimeWeighted backlogBytesLevel;
    private final Tally taskDepth = new Tally();
    private final Tally wait = new Tally();
    private final Tally passDuration = new Tally();
    private final Counter waited = new Counter();
    private final Counter dispatched = new Counter();
    private final Counter outOfOrder = new Counter();
    private final Counter written = new Counter();
    private final Counter checkEntries = new Counter();
    private final Counter checkNs = new Counter();
    private final TimeWeighted[] prepareBusy;
    private final TimeWeighted[] senderBusy;
    private long rejectedAtReset;

    private OrderedRecording(Scheduler scheduler, List<OrderedReplication> engines, long startNs, long rpoTargetNs) {
        this.scheduler = scheduler;
        this.engines = List.copyOf(engines);
        int n = engines.size();
        this.lag = new LagMeter(startNs, rpoTargetNs);
        this.depth = new long[n];
        this.active = new long[n];
        this.backlogTracks = new long[n];
        this.backlogBytes = new long[n];
        this.depthLevel = new TimeWeighted(startNs, 0);
        this.depthPerTask = new TimeWeighted(startNs, 0);
        this.backlogTracksLevel = new TimeWeighted(startNs, 0);
        this.backlogBytesLevel = new TimeWeighted(startNs, 0);
        this.prepareBusy = new TimeWeighted[n];
        this.senderBusy = new TimeWeighted[n];
    }

    /**
     * Subscribes the ordered-mode metrics and columns of {@code engines} to {@code rec}.
     *
     * @param signals     the run's signal registry (the engines' and their processor pools' signals)
     * @param startNs     start of measurement (statistics also reset with {@code rec.reset})
     * @param rpoTargetNs recovery-point target for {@code rpo.aboveTarget.fraction}; ≤ 0 disables it
     */
    public static OrderedRecording register(Recording rec, Signals signals, List<OrderedReplication> engines,
                                            Scheduler scheduler, long startNs, long rpoTargetNs) {
        if (engines.isEmpty()) {
            throw new IllegalArgumentException("ordered recording needs at least one engine");
        }
        OrderedRecording r = new OrderedRecording(scheduler, engines, startNs, rpoTargetNs);
        r.subscribe(signals, startNs);
        r.updateLag(startNs);
        rec.resetWith(r.lag);
        for (var res : List.of(r.depthLevel, r.depthPerTask, r.backlogTracksLevel, r.backlogBytesLevel, r.taskDepth,
                r.wait, r.passDuration, r.waited, r.dispatched, r.outOfOrder, r.written, r.checkEntries, r.checkNs)) {
            rec.resetWith(res);
        }
        for (int i = 0; i < engines.size(); i++) {
            rec.resetWith(r.prepareBusy[i]);
            rec.resetWith(r.senderBusy[i]);
        }
        rec.resetWith(now -> r.rejectedAtReset = r.rejectedTotal());
        rec.metrics(r::addMetrics);
        rec.column("queue.reorder", "count", () -> r.totalDepth);
        rec.column("rpo.lag", "s", () -> r.lag.currentNs(scheduler.now()) / 1e9);
        rec.column("ordered.backlog.tracks", "count", r::totalBacklogTracks);
        rec.column("ordered.backlog.bytes", "bytes", r::totalBacklogBytes);
        return r;
    }

    private void subscribe(Signals signals, long startNs) {
        for (int i = 0; i < engines.size(); i++) {
            final int e = i;
            OrderedReplication engine = engines.get(i);
            String p = "ordered." + engine.primary().name() + ".";
            signal(signals, p + "reorder.depth").subscribe((t, v) -> {
                totalDepth += (long) v - depth[e];
                depth[e] = (long) v;
                depthLevel.update(t, totalDepth);
                depthPerTask.update(t, totalActive == 0 ? 0 : (double) totalDepth / totalActive);
            });
            signal(signals, p + "reorder.activeTasks").subscribe((t, v) -> {
                totalActive += (long) v - active[e];
                active[e] = (long) v;
                depthPerTask.update(t, totalActive == 0 ? 0 : (double) totalDepth / totalActive);
            });
            signal(signals, p + "reorder.taskDepth").subscribe((t, v) -> taskDepth.add(v));
            signal(signals, p + "dispatch.wait").subscribe((t, v) -> wait.add(v));
            signal(signals, p + "dispatch.waited").subscribe((t, v) -> waited.add((long) v));
            signal(signals, p + "dispatched").subscribe((t, v) -> dispatched.add((long) v));
            signal(signals, p + "check.entries").subscribe((t, v) -> checkEntries.add((long) v));
            signal(signals, p + "check.ns").subscribe((t, v) -> checkNs.add((long) v));
            signal(signals, p + "outOfOrder").subscribe((t, v) -> outOfOrder.add((long) v));
            signal(signals, p + "written").subscribe((t, v) -> written.add((long) v));
            signal(signals, p + "pass.duration").subscribe((t, v) -> passDuration.add(v));
            signal(signals, p + "backlog.tracks").subscribe((t, v) -> {
                backlogTracks[e] = (long) v;
                backlogTracksLevel.update(t, totalBacklogTracks());
            });
            signal(signals, p + "backlog.bytes").subscribe((t, v) -> {
                backlogBytes[e] = (long) v;
                backlogBytesLevel.update(t, totalBacklogBytes());
            });
            signal(signals, p + "securedUpTo").subscribe((t, v) -> updateLag(t));
            int prepServers = engine.preparePool().servers();
            int sendServers = engine.senderPool().servers();
            TimeWeighted pb = new TimeWeighted(startNs, 0);
            TimeWeighted sb = new TimeWeighted(startNs, 0);
            prepareBusy[e] = pb;
            senderBusy[e] = sb;
            signal(signals, engine.preparePool().name() + ".busy").subscribe((t, v) -> pb.update(t, v / prepServers));
            signal(signals, engine.senderPool().name() + ".busy").subscribe((t, v) -> sb.update(t, v / sendServers));
        }
    }

    private static Signal signal(Signals signals, String name) {
        Signal s = signals.find(name);
        if (s == null) {
            throw new IllegalArgumentException("ordered recording: no signal " + name);
        }
        return s;
    }

    private void updateLag(long now) {
        long ref = Long.MAX_VALUE;
        for (OrderedReplication e : engines) {
            long r = e.securedUpToNs();
            if (r != Long.MIN_VALUE && r < ref) {
                ref = r;
            }
        }
        lag.set(now, ref == Long.MAX_VALUE ? LagMeter.NONE : ref);
    }

    private long rejectedTotal() {
        long sum = 0;
        for (OrderedReplication e : engines) {
            sum += e.rejected();
        }
        return sum;
    }

    /** Tracks owed to the secondaries now, over all engines. */
    public long totalBacklogTracks() {
        long sum = 0;
        for (long b : backlogTracks) {
            sum += b;
        }
        return sum;
    }

    /** Bytes owed to the secondaries now, over all engines. */
    public long totalBacklogBytes() {
        long sum = 0;
        for (long b : backlogBytes) {
            sum += b;
        }
        return sum;
    }

    /** The recovery-point lag meter (system-wide). */
    public LagMeter lag() {
        return lag;
    }

    private void addMetrics(long now, List<Metric> out) {
        out.add(new Metric("ordered.reorder.depth.mean", depthLevel.average(now), "count"));
        out.add(new Metric("ordered.reorder.depth.max", depthLevel.max(), "count"));
        out.add(new Metric("ordered.reorder.taskDepth.max", taskDepth.count() == 0 ? 0 : taskDepth.max(), "count"));
        out.add(new Metric("ordered.reorder.depthPerTask.mean", depthPerTask.average(now), "count"));
        out.add(new Metric("ordered.outOfOrder", outOfOrder.value(), "count"));
        out.add(new Metric("ordered.rejected", rejectedTotal() - rejectedAtReset, "count"));
        out.add(new Metric("ordered.wait.mean", wait.count() == 0 ? 0 : wait.mean() / 1e9, "s"));
        out.add(new Metric("ordered.wait.max", wait.count() == 0 ? 0 : wait.max() / 1e9, "s"));
        out.add(new Metric("ordered.waited.fraction",
                dispatched.value() == 0 ? 0 : (double) waited.value() / dispatched.value(), "fraction"));
        out.add(new Metric("ordered.dispatched", dispatched.value(), "count"));
        out.add(new Metric("ordered.written", written.value(), "count"));
        out.add(new Metric("ordered.check.entries", checkEntries.value(), "count"));
        out.add(new Metric("ordered.check.cpu", checkNs.value() / 1e9, "s"));
        out.add(new Metric("ordered.prepare.utilization", meanOf(prepareBusy, now), "fraction"));
        out.add(new Metric("ordered.sender.utilization", meanOf(senderBusy, now), "fraction"));
        out.add(new Metric("ordered.backlog.tracks.mean", backlogTracksLevel.average(now), "count"));
        out.add(new Metric("ordered.backlog.tracks.max", backlogTracksLevel.max(), "count"));
        out.add(new Metric("ordered.backlog.bytes.mean", backlogBytesLevel.average(now), "bytes"));
        out.add(new Metric("ordered.backlog.bytes.max", backlogBytesLevel.max(), "bytes"));
        out.add(new Metric("ordered.pass.duration.mean", passDuration.count() == 0 ? 0 : passDuration.mean() / 1e9, "s"));
        out.add(new Metric("ordered.pass.duration.max", passDuration.count() == 0 ? 0 : passDuration.max() / 1e9, "s"));
        out.add(new Metric("ordered.pass.count", passDuration.count(), "count"));
        out.add(new Metric("rpo.lag.mean", lag.averageNs(now) / 1e9, "s"));
        out.add(new Metric("rpo.lag.max", lag.maxNs(now) / 1e9, "s"));
        out.add(new Metric("rpo.aboveTarget.fraction", lag.fractionAboveTarget(now), "fraction"));
    }

    /** Mean over engines of each pool's time-average busy fraction. */
    private static double meanOf(TimeWeighted[] busy, long now) {
        double sum = 0;
        for (TimeWeighted w : busy) {
            sum += w.average(now);
        }
        return sum / busy.length;
    }
}
