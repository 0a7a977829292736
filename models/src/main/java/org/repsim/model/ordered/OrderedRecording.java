package org.repsim.model.ordered;

import java.util.List;
import org.repsim.core.kernel.Scheduler;
import org.repsim.core.measure.Measures;
import org.repsim.core.result.Metric;
import org.repsim.core.signal.Recording;
import org.repsim.core.signal.Signals;
import org.repsim.core.stats.Counter;
import org.repsim.core.stats.LagMeter;
import org.repsim.model.recovery.ImageRecording;
import org.repsim.model.recovery.RecoverableImage;
import org.repsim.core.stats.Tally;
import org.repsim.core.stats.TimeWeighted;
import org.repsim.model.measure.SignalKeys;

/**
 * Recording configuration of the ordered engine (docs/model.md §4 measures), for the composition root.
 * Aggregates over all {@link OrderedReplication} engines of a run (one per primary box).
 *
 * <p>Summary metrics (base units): {@code ordered.reorder.depth.mean/.max} (subtasks, time-weighted
 * total over engines), {@code ordered.reorder.taskDepth.max} (largest subqueue of one task),
 * {@code ordered.reorder.depthPerTask.mean} (time-weighted total depth / active tasks),
 * {@code ordered.outOfOrder}, {@code ordered.rejected}, {@code ordered.wait.mean/.max} (s, prepared →
 * dispatched), {@code ordered.trackWait.mean/.max} (s, created → admitted by the per-track gate, every
 * subtask counted, 0 with ordering off), {@code ordered.waited.fraction}, {@code ordered.dispatched}, {@code ordered.written},
 * {@code ordered.check.entries}, {@code ordered.check.cpu} (s), {@code ordered.prepare.utilization},
 * {@code ordered.sender.utilization}, {@code ordered.backlog.tracks.mean/.max},
 * {@code ordered.backlog.bytes.mean/.max}, {@code ordered.pass.duration.mean/.max} (s),
 * {@code ordered.pass.count}, {@code ordered.cache.bytes.mean/.max} (the owed copies' bytes in the primaries'
 * caches, total over engines), {@code ordered.paced.writes}, {@code ordered.deferred.writes}; from the engines' shared recoverable image ({@link ImageRecording},
 * docs/model.md §7): {@code rpo.lag.mean/.max} (s), {@code rpo.aboveTarget.fraction} and
 * {@code consistency.violations} (transfers that rolled a track of the image back).
 *
 * <p>Time-series columns: {@code queue.reorder} (subtasks queued now), {@code rpo.lag} (s, now),
 * {@code ordered.backlog.tracks}, {@code ordered.backlog.bytes}.
 */
public final class OrderedRecording {
    private final Scheduler scheduler;
    private final List<OrderedReplication> engines;
    private ImageRecording image;
    private final long[] depth;
    private final long[] active;
    private final long[] backlogTracks;
    private final long[] backlogBytes;
    private final long[] cacheBytes;
    private long totalDepth;
    private long totalActive;
    private final TimeWeighted depthLevel;
    private final TimeWeighted depthPerTask;
    private final TimeWeighted backlogTracksLevel;
    private final TimeWeighted backlogBytesLevel;
    private final TimeWeighted cacheBytesLevel;
    private final Counter paced = new Counter();
    private final Counter deferred = new Counter();
    private final Tally taskDepth = new Tally();
    private final Tally wait = new Tally();
    private final Tally trackWait = new Tally();
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
        this.depth = new long[n];
        this.active = new long[n];
        this.backlogTracks = new long[n];
        this.backlogBytes = new long[n];
        this.cacheBytes = new long[n];
        this.depthLevel = new TimeWeighted(startNs, 0);
        this.depthPerTask = new TimeWeighted(startNs, 0);
        this.backlogTracksLevel = new TimeWeighted(startNs, 0);
        this.backlogBytesLevel = new TimeWeighted(startNs, 0);
        this.cacheBytesLevel = new TimeWeighted(startNs, 0);
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
        RecoverableImage shared = engines.get(0).image();
        for (OrderedReplication e : engines) {
            if (e.image() != shared) {
                throw new IllegalArgumentException("ordered engines of one run must share one recoverable image");
            }
        }
        r.subscribe(signals, startNs);
        for (var res : List.of(r.depthLevel, r.depthPerTask, r.backlogTracksLevel, r.backlogBytesLevel, r.taskDepth,
                r.wait, r.trackWait, r.passDuration, r.waited, r.dispatched, r.outOfOrder, r.written, r.checkEntries, r.checkNs, r.cacheBytesLevel, r.paced, r.deferred)) {
            rec.resetWith(res);
        }
        for (int i = 0; i < engines.size(); i++) {
            rec.resetWith(r.prepareBusy[i]);
            rec.resetWith(r.senderBusy[i]);
        }
        rec.resetWith(now -> r.rejectedAtReset = r.rejectedTotal());
        rec.metrics(r::addMetrics);
        rec.column(Measures.REORDER_QUEUE_COLUMN, () -> r.totalDepth);
        r.image = ImageRecording.register(rec, shared, scheduler, rpoTargetNs);
        rec.column(Measures.ORDERED_BACKLOG_TRACKS_COLUMN, r::totalBacklogTracks);
        rec.column(Measures.ORDERED_BACKLOG_BYTES_COLUMN, r::totalBacklogBytes);
        return r;
    }

    private void subscribe(Signals signals, long startNs) {
        for (int i = 0; i < engines.size(); i++) {
            final int e = i;
            OrderedReplication engine = engines.get(i);
            String p = "ordered." + engine.primary().name();
            signals.get(p, SignalKeys.Ordered.REORDER_DEPTH).subscribe((t, v) -> {
                totalDepth += (long) v - depth[e];
                depth[e] = (long) v;
                depthLevel.update(t, totalDepth);
                depthPerTask.update(t, totalActive == 0 ? 0 : (double) totalDepth / totalActive);
            });
            signals.get(p, SignalKeys.Ordered.REORDER_ACTIVE_TASKS).subscribe((t, v) -> {
                totalActive += (long) v - active[e];
                active[e] = (long) v;
                depthPerTask.update(t, totalActive == 0 ? 0 : (double) totalDepth / totalActive);
            });
            signals.get(p, SignalKeys.Ordered.REORDER_TASK_DEPTH).subscribe((t, v) -> taskDepth.add(v));
            signals.get(p, SignalKeys.Ordered.DISPATCH_WAIT).subscribe((t, v) -> wait.add(v));
            signals.get(p, SignalKeys.Ordered.TRACK_WAIT).subscribe((t, v) -> trackWait.add(v));
            signals.get(p, SignalKeys.Ordered.DISPATCH_WAITED).subscribe((t, v) -> waited.add((long) v));
            signals.get(p, SignalKeys.Ordered.DISPATCHED).subscribe((t, v) -> dispatched.add((long) v));
            signals.get(p, SignalKeys.Ordered.CHECK_ENTRIES).subscribe((t, v) -> checkEntries.add((long) v));
            signals.get(p, SignalKeys.Ordered.CHECK_NS).subscribe((t, v) -> checkNs.add((long) v));
            signals.get(p, SignalKeys.Ordered.OUT_OF_ORDER).subscribe((t, v) -> outOfOrder.add((long) v));
            signals.get(p, SignalKeys.Ordered.WRITTEN).subscribe((t, v) -> written.add((long) v));
            signals.get(p, SignalKeys.Ordered.PASS_DURATION).subscribe((t, v) -> passDuration.add(v));
            signals.get(p, SignalKeys.Ordered.BACKLOG_TRACKS).subscribe((t, v) -> {
                backlogTracks[e] = (long) v;
                backlogTracksLevel.update(t, totalBacklogTracks());
            });
            signals.get(p, SignalKeys.Ordered.BACKLOG_BYTES).subscribe((t, v) -> {
                backlogBytes[e] = (long) v;
                backlogBytesLevel.update(t, totalBacklogBytes());
            });
            signals.get(p, SignalKeys.Ordered.CACHE_BYTES).subscribe((t, v) -> {
                cacheBytes[e] = (long) v;
                long sum = 0;
                for (long b : cacheBytes) {
                    sum += b;
                }
                cacheBytesLevel.update(t, sum);
            });
            signals.get(p, SignalKeys.Ordered.PACED_WRITES).subscribe((t, v) -> paced.add((long) v));
            signals.get(p, SignalKeys.Ordered.DEFERRED_WRITES).subscribe((t, v) -> deferred.add((long) v));
            int prepServers = engine.preparePool().servers();
            int sendServers = engine.senderPool().servers();
            TimeWeighted pb = new TimeWeighted(startNs, 0);
            TimeWeighted sb = new TimeWeighted(startNs, 0);
            prepareBusy[e] = pb;
            senderBusy[e] = sb;
            signals.get(engine.preparePool().name(), SignalKeys.Processor.BUSY)
                    .subscribe((t, v) -> pb.update(t, v / prepServers));
            signals.get(engine.senderPool().name(), SignalKeys.Processor.BUSY)
                    .subscribe((t, v) -> sb.update(t, v / sendServers));
        }
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
        return image.lag();
    }

    private void addMetrics(long now, List<Metric> out) {
        out.add(Measures.ORDERED_REORDER_DEPTH.mean().of(depthLevel.average(now)));
        out.add(Measures.ORDERED_REORDER_DEPTH.max().of(depthLevel.max()));
        out.add(Measures.ORDERED_TASK_DEPTH_MAX.of(taskDepth.count() == 0 ? 0 : taskDepth.max()));
        out.add(Measures.ORDERED_DEPTH_PER_TASK.of(depthPerTask.average(now)));
        out.add(Measures.ORDERED_OUT_OF_ORDER.of(outOfOrder.value()));
        out.add(Measures.ORDERED_REJECTED.of(rejectedTotal() - rejectedAtReset));
        out.add(Measures.ORDERED_WAIT.mean().of(wait.count() == 0 ? 0 : wait.mean() / 1e9));
        out.add(Measures.ORDERED_WAIT.max().of(wait.count() == 0 ? 0 : wait.max() / 1e9));
        out.add(Measures.ORDERED_TRACK_WAIT.mean().of(trackWait.count() == 0 ? 0 : trackWait.mean() / 1e9));
        out.add(Measures.ORDERED_TRACK_WAIT.max().of(trackWait.count() == 0 ? 0 : trackWait.max() / 1e9));
        out.add(Measures.ORDERED_WAITED.of(dispatched.value() == 0 ? 0 : (double) waited.value() / dispatched.value()));
        out.add(Measures.ORDERED_DISPATCHED.of(dispatched.value()));
        out.add(Measures.ORDERED_WRITTEN.of(written.value()));
        out.add(Measures.ORDERED_CHECK_ENTRIES.of(checkEntries.value()));
        out.add(Measures.ORDERED_CHECK_CPU.of(checkNs.value() / 1e9));
        out.add(Measures.ORDERED_PREPARE_UTILIZATION.of(meanOf(prepareBusy, now)));
        out.add(Measures.ORDERED_SENDER_UTILIZATION.of(meanOf(senderBusy, now)));
        out.add(Measures.ORDERED_BACKLOG_TRACKS.mean().of(backlogTracksLevel.average(now)));
        out.add(Measures.ORDERED_BACKLOG_TRACKS.max().of(backlogTracksLevel.max()));
        out.add(Measures.ORDERED_BACKLOG_BYTES.mean().of(backlogBytesLevel.average(now)));
        out.add(Measures.ORDERED_BACKLOG_BYTES.max().of(backlogBytesLevel.max()));
        out.add(Measures.ORDERED_PASS_DURATION.mean().of(passDuration.count() == 0 ? 0 : passDuration.mean() / 1e9));
        out.add(Measures.ORDERED_PASS_DURATION.max().of(passDuration.count() == 0 ? 0 : passDuration.max() / 1e9));
        out.add(Measures.ORDERED_PASS_COUNT.of(passDuration.count()));
        out.add(Measures.ORDERED_CACHE_BYTES.mean().of(cacheBytesLevel.average(now)));
        out.add(Measures.ORDERED_CACHE_BYTES.max().of(cacheBytesLevel.max()));
        out.add(Measures.ORDERED_PACED_WRITES.of(paced.value()));
        out.add(Measures.ORDERED_DEFERRED_WRITES.of(deferred.value()));
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
