package org.repsim.scenario.run;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 *   "sweptPaths": [...], "points": [ { "id": "p0", "params": { path: value } } ],
 *   "sharding": { "shards": 4, "rule": "..." } }
 * </pre>
 * {@code sharding} is present only in the directory of a sharded run ({@link Sharding}).
 *
 * Replication {@code r} of every point draws from {@code RandomStreams(masterSeed, r)}
 * ({@code commonRandomNumbers}). {@code --resume} continues only a directory whose
 * {@code run.json} and {@code scenario.resolved.json} equal the new run's.
 */
public record RunDescription(String scenarioName, String toolVersion, long masterSeed, int replications,
        long warmupNs, long durationNs, long sampleIntervalNs, List<String> sweptPaths, List<Point> points, Sharding sharding) {

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

    /** The description of a run on one machine (no sharding). */
    public RunDescription(String scenarioName, String toolVersion, long masterSeed, int replications, long warmupNs,
            long durationNs, long sampleIntervalNs, List<String> sweptPaths, List<Point> points) {
        this(scenarioName, toolVersion, masterSeed, replications, warmupNs, durationNs, sampleIntervalNs, sweptPaths,
                points, null);
    }

    /** The same run split into shards. */
    public RunDescription withSharding(Sharding s) {
        return new RunDescription(scenarioName, toolVersion, masterSeed, replications, warmupNs, durationNs,
                sampleIntervalNs, sweptPaths, points, s);
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
        "durationNs", "sampleIntervalNs", "sweptPaths", "points", "sharding"})
    private record File(String scenario, String version, long masterSeed, int replications,
            boolean commonRandomNumbers, long warmupNs, long durationNs, long sampleIntervalNs, List<String> sweptPaths,
            List<Point> points, @JsonInclude(JsonInclude.Include.NON_NULL) ShardingFile sharding) {
    }

    /** The optional part of the file, read on its own: {@code sharding} is absent from a one-machine run. */
    private record OptionalPart(ShardingFile sharding) {
    }

    /** The fields every {@code run.json} has (unknown ones, such as {@code sharding}, are ignored when reading). */
    private record Required(String scenario, String version, long masterSeed, int replications,
            boolean commonRandomNumbers, long warmupNs, long durationNs, long sampleIntervalNs, List<String> sweptPaths,
            List<Point> points) {
    }

    /** {@code sharding} as stored: the shard count and the assignment rule in words. */
    @JsonPropertyOrder({"shards", "rule"})
    private record ShardingFile(int shards, String rule) {
    }

    public String json() {
        return Json.write(new File(scenarioName, toolVersion, masterSeed, replications, true, warmupNs, durationNs,
                sampleIntervalNs, sweptPaths, points,
                sharding == null ? null : new ShardingFile(sharding.shards(), Sharding.RULE)));
    }

    public static RunDescription readJson(String text) throws IOException {
        Required f = Json.read(text, Required.class);
        ShardingFile sharding = Json.readOptional(text, OptionalPart.class).sharding();
        return new RunDescription(f.scenario(), f.version(), f.masterSeed(), f.replications(), f.warmupNs(),
                f.durationNs(), f.sampleIntervalNs(), f.sweptPaths(), f.points(),
                sharding == null ? null : new Sharding(sharding.shards()));
    }
}
