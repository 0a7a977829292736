package org.repsim.core.stats;

/**
 * A level that holds between changes (queue length, bytes in cache): its time average, max,
 * min and current value (SSJ's time-weighted accumulate). The integral is kept in level·ns.
 */
public final class TimeWeighted implements Resettable {
    private double level;
    private long startNs;
    private long lastNs;
    private double integral;
    /** Integral since construction, never reset: interval averages are differences of it. */
    private double lifetimeIntegral;
    private double max;
    private double min;

    public TimeWeighted(long startNs, double initialLevel) {
        this.level = initialLevel;
        this.startNs = startNs;
        this.lastNs = startNs;
        this.max = initialLevel;
        this.min = initialLevel;
    }

    public TimeWeighted() {
        this(0, 0);
    }

    /** The level changes to {@code newLevel} at {@code nowNs} (never before the last change). */
    public void update(long nowNs, double newLevel) {
        if (nowNs < lastNs) {
            throw new IllegalArgumentException("time went backwards: " + nowNs + " < " + lastNs);
        }
        double area = level * (nowNs - lastNs);
        integral += area;
        lifetimeIntegral += area;
        lastNs = nowNs;
        level = newLevel;
        if (newLevel > max) {
            max = newLevel;
        }
        if (newLevel < min) {
            min = newLevel;
        }
    }

    /** Adds {@code delta} to the level at {@code nowNs}. */
    public void add(long nowNs, double delta) {
        update(nowNs, level + delta);
    }

    /** Current level. */
    public double current() {
        return level;
    }

    /** Time average from the start (or last reset) up to {@code nowNs}; the level itself over an empty span. */
    public double average(long nowNs) {
        long span = nowNs - startNs;
        if (span <= 0) {
            return level;
        }
        return (integral + level * (nowNs - lastNs)) / span;
    }

    /** Integral of the level over time, in level·ns, up to {@code nowNs}. */
    public double integral(long nowNs) {
        return integral + level * (nowNs - lastNs);
    }

    /**
     * Integral of the level since construction, in level·ns, up to {@code nowNs}: unaffected by
     * {@link #reset}, so the average over any interval is the difference of two readings divided
     * by its length.
     */
    public double lifetimeIntegral(long nowNs) {
        return lifetimeIntegral + level * (nowNs - lastNs);
    }

    public double max() {
        return max;
    }

    public double min() {
        return min;
    }

    /** Restarts the average at {@code nowNs} with the current level; max and min restart there too. */
    @Override
    public void reset(long nowNs) {
        // the lifetime integral runs on through a reset: book the span since the last change first
        lifetimeIntegral += level * (nowNs - lastNs);
        startNs = nowNs;
        lastNs = nowNs;
        integral = 0;
        max = level;
        min = level;
    }
}
