package org.repsim.model.workload;

import java.util.function.Consumer;
import org.repsim.core.kernel.Scheduler;
import org.repsim.core.signal.Signal;
import org.repsim.core.signal.Signals;
import org.repsim.model.HostIo;
import org.repsim.model.Volume;
import org.repsim.model.measure.SignalKeys;

/**
 * The hosts (docs/model.md §1–2): issue host I/Os to the boxes owning their volumes and measure the
 * response time of each on completion.
 *
 * <p>Signals ({@code <prefix>.…}, prefix usually {@code host}): {@code write.latency} and
 * {@code read.latency} (observations, ns from issue to acknowledgement), {@code writes},
 * {@code reads} (counts), {@code writeBytes}, {@code readBytes} (counts, bytes),
 * {@code outstanding} (level, I/Os issued and not yet completed).
 */
public final class Host {
    /** The signal prefix of the run's host ({@code host.write.latency}, …) unless one is given. */
    public static final String NAME = "host";

    private final Scheduler scheduler;
    private final Signal writeLatency;
    private final Signal readLatency;
    private final Signal writes;
    private final Signal reads;
    private final Signal writeBytes;
    private final Signal readBytes;
    private final Signal outstandingSignal;
    private Consumer<HostIo>[] ackListeners = newListeners(0);
    private Consumer<HostIo>[] issueListeners = newListeners(0);
    private Consumer<HostIo>[] completionListeners = newListeners(0);
    private long nextId;
    private int nextStream;
    private long outstanding;
    /** The last workload callback seen and the completion made for it ({@link #completion}). */
    private Consumer<HostIo> lastOnDone;
    private Consumer<HostIo> lastCompletion;

    public Host(Scheduler scheduler, Signals signals, String prefix) {
        this.scheduler = scheduler;
        this.writeLatency = signals.declare(prefix, SignalKeys.Host.WRITE_LATENCY);
        this.readLatency = signals.declare(prefix, SignalKeys.Host.READ_LATENCY);
        this.writes = signals.declare(prefix, SignalKeys.Host.WRITES);
        this.reads = signals.declare(prefix, SignalKeys.Host.READS);
        this.writeBytes = signals.declare(prefix, SignalKeys.Host.WRITE_BYTES);
        this.readBytes = signals.declare(prefix, SignalKeys.Host.READ_BYTES);
        this.outstandingSignal = signals.declare(prefix, SignalKeys.Host.OUTSTANDING);
    }

    /** A host with signal prefix {@code host}. */
    public Host(Scheduler scheduler, Signals signals) {
        this(scheduler, signals, NAME);
    }

    @SuppressWarnings("unchecked")
    private static Consumer<HostIo>[] newListeners(int n) {
        return (Consumer<HostIo>[]) new Consumer[n];
    }

    /** A new stream id, unique over all workloads of this host. */
    public int newStream() {
        return nextStream++;
    }

    /**
     * A new I/O issued now: tracks [{@code trackInVolume}, {@code trackInVolume + trackCount}) of
     * {@code volume} (volume-relative), aligned to the track start.
     */
    public HostIo newIo(Volume volume, long trackInVolume, int trackCount, long sizeBytes, boolean write,
                        int streamId, long chainIndex) {
        if (trackInVolume < 0 || trackInVolume + trackCount > volume.trackCount()) {
            throw new IllegalArgumentException("tracks " + trackInVolume + "+" + trackCount + " outside volume " + volume
                    + " of " + volume.trackCount() + " tracks");
        }
        return new HostIo(nextId++, volume, volume.firstTrack() + trackInVolume, trackCount,
                trackInVolume * volume.trackSizeBytes(), sizeBytes, write, scheduler.now(), streamId, chainIndex);
    }

    /**
     * A new I/O issued now: {@code sizeBytes} bytes at byte {@code offsetBytes} of {@code volume};
     * it touches every track its bytes fall in (docs/model.md §2).
     */
    public HostIo newIoAt(Volume volume, long offsetBytes, long sizeBytes, boolean write, int streamId,
                          long chainIndex) {
        if (offsetBytes < 0 || sizeBytes < 1 || offsetBytes + sizeBytes > volume.sizeBytes()) {
            throw new IllegalArgumentException("bytes " + offsetBytes + "+" + sizeBytes + " outside volume " + volume
                    + " of " + volume.sizeBytes() + " bytes");
        }
        long trackSize = volume.trackSizeBytes();
        long end = offsetBytes + sizeBytes - 1;
        long first;
        long last;
        if (Long.bitCount(trackSize) == 1) { // the usual power-of-two track: shifts, not divisions
            int shift = Long.numberOfTrailingZeros(trackSize);
            first = offsetBytes >>> shift;
            last = end >>> shift;
        } else {
            first = offsetBytes / trackSize;
            last = end / trackSize;
        }
        return new HostIo(nextId++, volume, volume.firstTrack() + first, (int) (last - first + 1), offsetBytes,
                sizeBytes, write, scheduler.now(), streamId, chainIndex);
    }

    /** Sends {@code io} to the box owning its volume; {@code onDone} runs after the host measured its response. */
    public void issue(HostIo io, Consumer<HostIo> onDone) {
        for (Consumer<HostIo> l : issueListeners) {
            l.accept(io);
        }
        outstanding++;
        outstandingSignal.emit(scheduler.now(), outstanding);
        io.volume().box().submit(io, completion(onDone));
    }

    /** What runs when the box answers: the host's own accounting, then {@code onDone}. */
    private Consumer<HostIo> completion(Consumer<HostIo> onDone) {
        // workloads pass the same onDone for every I/O: keep its completion instead of making
        // one per I/O
        if (onDone != lastOnDone) {
            lastOnDone = onDone;
            lastCompletion = done -> {
                complete(done);
                onDone.accept(done);
            };
        }
        return lastCompletion;
    }

    private void complete(HostIo io) {
        long now = scheduler.now();
        outstanding--;
        outstandingSignal.emit(now, outstanding);
        long latency = now - io.issueNs();
        if (io.write()) {
            writeLatency.emit(now, latency);
            writes.emit(now, 1);
            writeBytes.emit(now, io.sizeBytes());
            for (Consumer<HostIo> l : ackListeners) {
                l.accept(io);
            }
        } else {
            readLatency.emit(now, latency);
            reads.emit(now, 1);
            readBytes.emit(now, io.sizeBytes());
        }
        for (Consumer<HostIo> l : completionListeners) {
            l.accept(io);
        }
    }

    /** Called with every write when its host acknowledgement arrives (consistency checking, data-loss accounting). */
    public void addWriteAckListener(Consumer<HostIo> listener) {
        ackListeners = append(ackListeners, listener);
    }

    /** Called with every I/O (read or write) when the host issues it. */
    public void addIssueListener(Consumer<HostIo> listener) {
        issueListeners = append(issueListeners, listener);
    }

    /** Called with every I/O (read or write) when its response reaches the host (at the simulated time of completion). */
    public void addCompletionListener(Consumer<HostIo> listener) {
        completionListeners = append(completionListeners, listener);
    }

    private static Consumer<HostIo>[] append(Consumer<HostIo>[] listeners, Consumer<HostIo> listener) {
        Consumer<HostIo>[] grown = newListeners(listeners.length + 1);
        System.arraycopy(listeners, 0, grown, 0, listeners.length);
        grown[listeners.length] = listener;
        return grown;
    }

    /** I/Os issued and not yet completed. */
    public long outstanding() {
        return outstanding;
    }

    /** I/Os issued so far. */
    public long issued() {
        return nextId;
    }
}
