package org.repsim.scenario.run;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * {@code run.json}: what was run, next to {@code scenario.resolved.json} (which is the plan's
 * resolved scenario exactly as given, so it stays a valid scenario file that can be run again).
 *
 * <pre>
 * { "scenario": "...", "version": "...", "masterSeed": 42, "replications": 5,
 *   "commonRandomNumbers": true, "warmupNs": ..., "durationNs": ..., "sampleIntervalNs": ...,
 *   "sweptPaths": [...], "points": [ { "id": "p0", "params": { path: value } } ] }
 * </pre>
 *
 * Replication {@code r} of every point draws from {@code RandomStreams(masterSeed, r)}
 * ({@code commonRandomNumbers}). {@code --resume} continues only a directory whose
 * {@code run.json} and {@code scenario.resolved.json} equal the new run's.
 */
public record RunDescription(String scenarioName, String toolVersion, long masterSeed, int replications,
        long warmupNs, long durationNs, long sampleIntervalNs, List<String> sweptPaths, List<Point> points) {

    public static final String FILE = "run.json";
    public static final String RESOLVED_SCENARIO = "scenario.resolved.json";

    /** A point as stored: its id and swept parameters. */
    @JsonPropertyOrder({"id", "params"})
    public record Point(String id, LinkedHashMap<String, String> params) {
    }

    public RunDescription {
        sweptPaths = List.copyOf(sweptPaths);
        points = List.copyOf(points);
    }

    public static RunDescription of(ExperimentPlan plan) {
        List<Point> points = new ArrayList<>();
        for (PlanPoint p : plan.points()) {
            points.add(new Point(p.id(), p.params()));
        }
        return new RunDescription(plan.scenarioName(), plan.toolVersion(), plan.masterSeed(), plan.replications(),
                plan.warmupNs(), plan.durationNs(), plan.sampleIntervalNs(), plan.sweptPaths(), points);
    }

    /** The file's shape; {@code commonRandomNumbers} is always true. */
    @JsonPropertyOrder({"scenario", "version", "masterSeed", "replications", "commonRandomNumbers", "warmupNs",
        "durationNs", "sampleIntervalNs", "sweptPaths", "points"})
    private record File(String scenario, String version, long masterSeed, int replications,
            boolean commonRandomNumbers, long warmupNs, long durationNs, long sampleIntervalNs, List<String> sweptPaths,
            List<Point> points) {
    }

    public String json() {
        return Json.write(new File(scenarioName, toolVersion, masterSeed, replications, true, warmupNs, durationNs,
                sampleIntervalNs, sweptPaths, points));
    }

    public static RunDescription readJson(String text) throws IOException {
        File f = Json.read(text, File.class);
        return new RunDescription(f.scenario(), f.version(), f.masterSeed(), f.replications(), f.warmupNs(),
                f.durationNs(), f.sampleIntervalNs(), f.sweptPaths(), f.points());
    }
}
