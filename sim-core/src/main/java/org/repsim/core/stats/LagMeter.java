package org.repsim.core.stats;

/**
 * A recovery-point lag measured exactly (docs/model.md §7): lag(t) = t − ref(t), where the reference
 * {@code ref} is the primary time the secondary's recoverable image corresponds to (the same in
 * every mode: the acknowledgement of the oldest acknowledged write not in the image) and changes
 * only at events.
 * With no reference ({@link #clear}) the lag is zero (nothing unsecured).
 *
 * <p>Between events the lag grows with slope 1, so its time average, maximum and the time spent
 * above a target are integrated in closed form per segment — no sampling error.
 */
public final class LagMeter implements Resettable {
    /** No reference: nothing is unsecured, the lag is zero. */
    public static final long NONE = Long.MIN_VALUE;

    private final long targetNs;
    private long refNs = NONE;
    private long startNs;
    private long lastNs;
    private double integralNs2;
    private double aboveNs;
    private long maxNs;

    /** @param targetNs the recovery-point target for {@link #timeAboveTargetNs}; ≤ 0 disables it */
    public LagMeter(long startNs, long targetNs) {
        this.startNs = startNs;
        this.lastNs = startNs;
        this.targetNs = targetNs;
    }

    /** From {@code nowNs} on, data is secured up to {@code securedUpToNs} (≤ now). */
    public void set(long nowNs, long securedUpToNs) {
        if (securedUpToNs != NONE && securedUpToNs > nowNs) {
            throw new IllegalArgumentException("reference in the future: " + securedUpToNs + " > " + nowNs);
        }
        advance(nowNs);
        refNs = securedUpToNs;
        observeMax(nowNs);
    }

    /** From {@code nowNs} on, nothing is unsecured. */
    public void clear(long nowNs) {
        set(nowNs, NONE);
    }

    /** Lag at {@code nowNs} in ns. */
    public long currentNs(long nowNs) {
        return refNs == NONE ? 0 : nowNs - refNs;
    }

    /** Time-average lag from start (or reset) to {@code nowNs}, in ns. */
    public double averageNs(long nowNs) {
        advance(nowNs);
        long span = nowNs - startNs;
        return span <= 0 ? currentNs(nowNs) : integralNs2 / span;
    }

    /** Largest lag seen up to {@code nowNs}, in ns. */
    public long maxNs(long nowNs) {
        advance(nowNs);
        observeMax(nowNs);
        return maxNs;
    }

    /** Time spent with lag strictly above the target, up to {@code nowNs}, in ns. */
    public double timeAboveTargetNs(long nowNs) {
        advance(nowNs);
        return aboveNs;
    }

    /** Share of time (start or reset to now) with lag above the target. */
    public double fractionAboveTarget(long nowNs) {
        advance(nowNs);
        long span = nowNs - startNs;
        return span <= 0 ? 0 : aboveNs / span;
    }

    private void advance(long nowNs) {
        if (nowNs < lastNs) {
            throw new IllegalArgumentException("time went backwards: " + nowNs + " < " + lastNs);
        }
        if (refNs != NONE && nowNs > lastNs) {
            double a = lastNs - refNs;  // lag at segment start
            double b = nowNs - refNs;   // lag at segment end
            integralNs2 += (a + b) / 2 * (nowNs - lastNs);
            if (targetNs > 0 && b > targetNs) {
                aboveNs += b - Math.max(a, targetNs);
            }
        }
        observeMax(nowNs);
        lastNs = nowNs;
    }

    private void observeMax(long nowNs) {
        long lag = currentNs(nowNs);
        if (lag > maxNs) {
            maxNs = lag;
        }
    }

    @Override
    public void reset(long nowNs) {
        advance(nowNs);
        startNs = nowNs;
        lastNs = nowNs;
        integralNs2 = 0;
        aboveNs = 0;
        maxNs = currentNs(nowNs);
    }
}
