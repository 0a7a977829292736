package org.repsim.scenario.plan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.repsim.core.result.RunResult;
import org.repsim.scenario.build.ScenarioModel;
import org.repsim.scenario.run.PlanPoint;
import org.repsim.scenario.run.ProgressSink;
import org.repsim.scenario.spec.Scenario;
import org.repsim.scenario.spec.ScenarioException;
import org.repsim.scenario.validate.ScenarioSource;

/**
 * Replications of a scenario with one value set, run in memory on a pool of threads: replication
 * r runs on {@code RandomStreams(seed, r)} whatever the value and the thread, so the results do
 * not depend on the thread count and candidates share their random numbers.
 */
public final class ModelReplications implements AutoCloseable {

    /** A scenario value that makes the scenario invalid, or a metric no replication records. */
    public static final class Refused extends RuntimeException {
        private final transient ScenarioException problems;

        Refused(String message, ScenarioException problems) {
            super(message, problems);
            this.problems = problems;
        }

        /** The scenario problems, or null when the refusal is not about the scenario. */
        public ScenarioException problems() {
            return problems;
        }
    }

    private final ScenarioSource source;
    private final SizedParameter parameter;
    private final String metric;
    private final long seed;
    private final ScenarioModel model;
    private final ExecutorService pool;
    private final Map<Double, Scenario> scenarios = new HashMap<>();
    /** The metric of every replication run so far, by value and replication. */
    private final Map<Double, Map<Integer, Double>> done = new HashMap<>();
    private Scenario base;

    public ModelReplications(ScenarioSource source, SizedParameter parameter, String metric, long seed, int threads) {
        this.source = source;
        this.parameter = parameter;
        this.metric = metric;
        this.seed = seed;
        Path dir = source.baseDirectory().orElse(null);
        this.model = new ScenarioModel(dir);
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "repsim-size-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** The scenario with the parameter at {@code value}, validated. */
    public Scenario scenarioAt(double value) {
        return scenarios.computeIfAbsent(value, v -> {
            try {
                return source.with(parameter.path(), parameter.text(v)).resolve();
            } catch (ScenarioException e) {
                throw new Refused(parameter.path() + " = " + parameter.text(v) + " makes the scenario invalid", e);
            }
        });
    }

    /**
     * The unit the metric is recorded in ({@code "s"}, {@code "bytes"}, {@code "fraction"}, …),
     * from replication 0 at {@code value}; that replication is kept, so a search starting at
     * {@code value} does not run it again.
     *
     * @throws Refused when no replication records the metric
     */
    public String metricUnit(double value) {
        run(value, 0, 1);
        return unit;
    }

    /** The metric of replications {@code from … to − 1} at {@code value}. */
    public double[] run(double value, int from, int to) {
        Scenario sc = scenarioAt(value);
        PlanPoint point = PlanPoint.single("size", sc);
        Map<Integer, Double> known = done.computeIfAbsent(value, v -> new HashMap<>());
        List<Future<RunResult>> futures = new ArrayList<>();
        for (int r = from; r < to; r++) {
            int rep = r;
            futures.add(known.containsKey(rep) ? null : pool.submit(() -> model.run(point, rep, seed, ProgressSink.ignoring())));
        }
        double[] out = new double[to - from];
        for (int i = 0; i < out.length; i++) {
            if (futures.get(i) == null) {
                out[i] = known.get(from + i);
                continue;
            }
            RunResult result;
            try {
                result = futures.get(i).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                throw new IllegalStateException("replication " + (from + i) + " at " + parameter.path() + " = "
                        + parameter.text(value) + " failed: " + (c.getMessage() == null ? c.toString() : c.getMessage()), c);
            }
            if (!result.metrics().containsKey(metric)) {
                throw new Refused("unknown metric '" + metric + "'" + suggestion(result.metrics().keySet())
                        + "; this scenario records " + String.join(", ", result.metrics().keySet()), null);
            }
            out[i] = result.value(metric);
            known.put(from + i, out[i]);
            if (unit == null) {
                unit = result.metrics().get(metric).unit();
            }
        }
        return out;
    }

    private volatile String unit;

    /** " (did you mean 'x'?)" for the closest recorded name within a few edits, else "". */
    private String suggestion(java.util.Set<String> names) {
        String best = null;
        int bestDistance = Math.max(3, metric.length() / 5) + 1;
        for (String n : names) {
            int d = distance(metric, n);
            if (d < bestDistance) {
                bestDistance = d;
                best = n;
            }
        }
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** The metric's unit as recorded (null before the first replication). */
    public String unit() {
        return unit;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
