package org.repsim.model.recovery;

import java.util.List;
import org.repsim.core.kernel.Scheduler;
import org.repsim.core.measure.Measures;
import org.repsim.core.result.Metric;
import org.repsim.core.signal.Recording;
import org.repsim.core.stats.LagMeter;

/**
 * Recording of a {@link RecoverableImage} (docs/model.md §7; names from the catalogue {@link Measures}):
 * {@code rpo.lag.mean/.max}, {@code rpo.aboveTarget.fraction} and the column {@code rpo.lag} —
 * now − the image's primary time, exact ({@link LagMeter}) — and {@code consistency.violations},
 * the transfers that rolled a track back plus the chain violations the engines reported. Resets with the warm-up.
 */
public final class ImageRecording {
    private final RecoverableImage image;
    private final Scheduler scheduler;
    private final LagMeter lag;
    private long violationsBase;

    private ImageRecording(RecoverableImage image, Scheduler scheduler, long rpoTargetNs) {
        this.image = image;
        this.scheduler = scheduler;
        this.lag = new LagMeter(scheduler.now(), rpoTargetNs);
        lag.set(scheduler.now(), image.imageTimeNs());
        image.addImageTimeListener(() -> lag.set(scheduler.now(), image.imageTimeNs()));
    }

    /** @param rpoTargetNs recovery-point target for {@code rpo.aboveTarget.fraction} (≤ 0: never above) */
    public static ImageRecording register(Recording rec, RecoverableImage image, Scheduler scheduler, long rpoTargetNs) {
        ImageRecording r = new ImageRecording(image, scheduler, rpoTargetNs);
        rec.resetWith(r.lag);
        rec.resetWith(now -> r.violationsBase = image.violations());
        rec.metrics(r::addMetrics);
        rec.column(Measures.RPO_LAG, () -> r.lag.currentNs(scheduler.now()) / 1e9);
        return r;
    }

    private void addMetrics(long nowNs, List<Metric> out) {
        out.add(Measures.RPO_LAG_MEAN.of(lag.averageNs(nowNs) / 1e9));
        out.add(Measures.RPO_LAG_MAX.of(lag.maxNs(nowNs) / 1e9));
        out.add(Measures.RPO_ABOVE_TARGET.of(lag.fractionAboveTarget(nowNs)));
        out.add(Measures.CONSISTENCY_VIOLATIONS.of(image.violations() - violationsBase));
    }

    /** The exact recovery-point lag meter. */
    public LagMeter lag() {
        return lag;
    }
}
