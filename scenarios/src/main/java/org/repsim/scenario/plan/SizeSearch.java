package org.repsim.scenario.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.repsim.core.stats.ConfidenceInterval;

/**
 * Finds the smallest (or largest) value of a parameter that meets a goal with a stated
 * confidence, assuming the metric is monotone in the parameter.
 *
 * <p>At a candidate value, replications are added ({@code initial}, then {@code batch} at a
 * time, at most {@code cap}) until the Student-t interval of the metric's mean at
 * {@code confidence} lies wholly on one side of the threshold: wholly on the goal's side is
 * {@link Verdict#MET}, wholly on the other {@link Verdict#UNMET}. A candidate still straddling
 * the threshold at the cap is {@link Verdict#UNDECIDED} and counts as not met (the goal is not
 * met <em>with the stated confidence</em>). Replication r of every candidate draws from the same
 * random streams (the caller's {@link Replications} passes r through), so neighbouring
 * candidates differ by the parameter, not by noise.
 *
 * <p>Search for the smallest value: the upper bound must meet the goal, else no value does
 * (result not met); when the lower bound meets it, it is the answer; otherwise the bracket
 * [not met, met] is halved (geometrically for rates and sizes) until its width is at most the
 * resolution, and the met end is the answer. {@code largest} mirrors it.
 */
public final class SizeSearch {

    /** Runs replications of the model at a parameter value and returns the metric of each. */
    @FunctionalInterface
    public interface Replications {
        /**
         * The metric of replications {@code from … to − 1} at {@code value} (NaN where the
         * replication did not record it), in replication order.
         */
        double[] run(double value, int from, int to);
    }

    /** What one candidate's replications say about the goal. */
    public enum Verdict { MET, UNMET, UNDECIDED }

    /**
     * One evaluated candidate.
     *
     * @param value the parameter value in base units
     * @param text the value as a scenario value
     * @param values the metric of each replication, in replication order
     * @param interval the interval of the mean at the search's confidence
     * @param ci95 the 95 % half-width (NaN with fewer than two values)
     * @param verdict what the interval says about the goal
     * @param capped the replication cap was hit before the interval left the threshold
     */
    public record Point(double value, String text, double[] values, ConfidenceInterval interval, double ci95,
            Verdict verdict, boolean capped) {
        public int replications() {
            return values.length;
        }

        public double mean() {
            return interval.mean();
        }
    }

    /**
     * The answer.
     *
     * @param met true when some value in the range meets the goal
     * @param answer the smallest (largest) value found to meet it, or null
     * @param answerPoint the candidate at the answer, or null
     * @param otherSide the nearest candidate not meeting the goal beside the answer (the bracket's other end), or null
     * @param best when not met, the candidate whose mean came closest to the goal; else null
     * @param points every evaluated candidate, in evaluation order
     */
    public record Result(boolean met, Double answer, Point answerPoint, Point otherSide, Point best, List<Point> points) {
        /** True when some candidate hit the replication cap undecided. */
        public boolean capHit() {
            return points.stream().anyMatch(Point::capped);
        }
    }

    private final SizedParameter parameter;
    private final Goal goal;
    private final boolean largest;
    private final double confidence;
    private final double resolution;
    private final boolean relative;
    private final int initial;
    private final int batch;
    private final int cap;
    private final Replications replications;
    private final Map<Double, Point> evaluated = new LinkedHashMap<>();

    /**
     * @param resolution the bracket width at which the search stops: a fraction of the value when
     *        {@code relative}, else in base units
     * @param initial replications at every candidate first (≥ 2)
     * @param batch replications added at a time while undecided (≥ 1)
     * @param cap most replications at one candidate (≥ initial)
     */
    public SizeSearch(SizedParameter parameter, Goal goal, boolean largest, double confidence, double resolution,
            boolean relative, int initial, int batch, int cap, Replications replications) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("--confidence must be between 0 and 1 (e.g. 0.95), found " + confidence);
        }
        if (!(resolution > 0) || Double.isInfinite(resolution)) {
            throw new IllegalArgumentException("--resolution must be positive, found " + resolution);
        }
        if (initial < 2 || batch < 1 || cap < initial) {
            throw new IllegalArgumentException("replications: initial " + initial + " (≥ 2), batch " + batch
                    + " (≥ 1), cap " + cap + " (≥ initial)");
        }
        if (Double.isNaN(goal.threshold())) {
            throw new IllegalArgumentException("goal '" + goal.text() + "': its threshold has not been read in the "
                    + "metric's unit (Goal.inUnit)");
        }
        this.parameter = parameter;
        this.goal = goal;
        this.largest = largest;
        this.confidence = confidence;
        this.resolution = resolution;
        this.relative = relative;
        this.initial = initial;
        this.batch = batch;
        this.cap = cap;
        this.replications = replications;
    }

    /** Runs the search. */
    public Result run() {
        // the end that must meet the goal for any value to meet it, and the end tried first
        double far = largest ? parameter.lo() : parameter.hi();
        double near = largest ? parameter.hi() : parameter.lo();
        Point farPoint = evaluate(far);
        if (farPoint.verdict() != Verdict.MET) {
            evaluate(near);
            return new Result(false, null, null, null, best(), points());
        }
        Point nearPoint = evaluate(near);
        if (nearPoint.verdict() == Verdict.MET) {
            return new Result(true, near, nearPoint, null, null, points());
        }
        Point met = farPoint;
        Point unmet = nearPoint;
        while (!narrow(met.value(), unmet.value())) {
            double mid = parameter.between(unmet.value(), met.value());
            if (mid == met.value() || mid == unmet.value()) {
                break;
            }
            Point p = evaluate(mid);
            if (p.verdict() == Verdict.MET) {
                met = p;
            } else {
                unmet = p;
            }
        }
        return new Result(true, met.value(), met, unmet, null, points());
    }

    private boolean narrow(double a, double b) {
        double width = Math.abs(a - b);
        return relative ? width <= resolution * Math.max(Math.abs(a), Math.abs(b)) : width <= resolution;
    }

    private List<Point> points() {
        return new ArrayList<>(evaluated.values());
    }

    /** The candidate whose mean is best for the goal (lowest for {@code <=}, highest for {@code >=}). */
    private Point best() {
        Point best = null;
        for (Point p : evaluated.values()) {
            if (Double.isNaN(p.mean())) {
                continue;
            }
            if (best == null || (goal.atMost() ? p.mean() < best.mean() : p.mean() > best.mean())) {
                best = p;
            }
        }
        return best;
    }

    /** Replications at {@code value} until the interval leaves the threshold or the cap is reached. */
    Point evaluate(double value) {
        Point known = evaluated.get(value);
        if (known != null) {
            return known;
        }
        double[] values = replications.run(value, 0, initial);
        while (true) {
            ConfidenceInterval ci = ConfidenceInterval.of(values, confidence);
            Verdict v = verdict(ci);
            boolean atCap = values.length >= cap;
            if (v != Verdict.UNDECIDED || atCap) {
                Point p = new Point(value, parameter.text(value), values, ci,
                        ConfidenceInterval.of95(values).halfWidth(), v, v == Verdict.UNDECIDED);
                evaluated.put(value, p);
                return p;
            }
            int to = Math.min(cap, values.length + batch);
            double[] more = replications.run(value, values.length, to);
            double[] all = Arrays.copyOf(values, to);
            System.arraycopy(more, 0, all, values.length, more.length);
            values = all;
        }
    }

    private Verdict verdict(ConfidenceInterval ci) {
        if (ci.n() < 2 || Double.isNaN(ci.mean())) {
            return Verdict.UNDECIDED;
        }
        double half = Double.isNaN(ci.halfWidth()) ? 0 : ci.halfWidth();
        double lower = ci.mean() - half;
        double upper = ci.mean() + half;
        if (goal.atMost()) {
            return upper <= goal.threshold() ? Verdict.MET : lower > goal.threshold() ? Verdict.UNMET : Verdict.UNDECIDED;
        }
        return lower >= goal.threshold() ? Verdict.MET : upper < goal.threshold() ? Verdict.UNMET : Verdict.UNDECIDED;
    }
}
