package org.repsim.scenario.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * {@code run.json}: what was run, next to {@code scenario.resolved.json} (which is the plan's
 * resolved scenario exactly as given, so it stays a valid scenario file that can be run again).
 *
 * <pre>
 * { "scenario": "...", "version": "...", "format": 2, "masterSeed": 42, "replications": 5,
 *   "commonRandomNumbers": true, "warmupNs": ..., "durationNs": ..., "sampleIntervalNs": ...,
 *   "sweptPaths": [...], "points": [ { "id": "p0", "params": { path: value } } ],
 *   "sharding": { "shards": 4, "rule": "..." } }
 * </pre>
 * {@code sharding} is present only in the directory of a sharded run ({@link Sharding}).
 * {@code format} is the results format ({@link #RESULTS_FORMAT}); a {@code run.json} without it
 * was written by a repsim of format 1.
 *
 * Replication {@code r} of every point draws from {@code RandomStreams(masterSeed, r)}
 * ({@code commonRandomNumbers}). {@code --resume} continues only a directory whose
 * {@code run.json} and {@code scenario.resolved.json} equal the new run's.
 */
public record RunDescription(String scenarioName, String toolVersion, int format, long masterSeed, int replications,
        long warmupNs, long durationNs, long sampleIntervalNs, List<String> sweptPaths, List<Point> points, Sharding sharding) {

    /**
     * The version of the results this repsim writes: raised whenever the same scenario, seed and
     * settings give other result files or another {@code scenario.resolved.json} text (a model
     * change, a changed default, a changed resolved format), so that {@code --resume}, a shard or
     * {@code merge} never mixes replications of two versions. 1: every {@code run.json} without
     * {@code format} (before link rates were resolved in bit/s and spill pools took from any
     * cycle by default); 2: since.
     */
    public static final int RESULTS_FORMAT = 2;

    /** {@code format} of a {@code run.json} that has none. */
    static final int UNVERSIONED_FORMAT = 1;

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
        this(scenarioName, toolVersion, RESULTS_FORMAT, masterSeed, replications, warmupNs, durationNs, sampleIntervalNs, sweptPaths,
                points, null);
    }

    /** The same run split into shards. */
    public RunDescription withSharding(Sharding s) {
        return new RunDescription(scenarioName, toolVersion, format, masterSeed, replications, warmupNs, durationNs,
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
    @JsonPropertyOrder({"scenario", "version", "format", "masterSeed", "replications", "commonRandomNumbers",
        "warmupNs", "durationNs", "sampleIntervalNs", "sweptPaths", "points", "sharding"})
    private record File(String scenario, String version, int format, long masterSeed, int replications,
            boolean commonRandomNumbers, long warmupNs, long durationNs, long sampleIntervalNs, List<String> sweptPaths,
            List<Point> points, @JsonInclude(JsonInclude.Include.NON_NULL) ShardingFile sharding) {
    }

    /**
     * The optional part of the file, read on its own: {@code sharding} is absent from a one-machine
     * run, {@code format} from a run of format 1.
     */
    private record OptionalPart(ShardingFile sharding, Integer format) {
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
        return Json.write(new File(scenarioName, toolVersion, format, masterSeed, replications, true, warmupNs, durationNs,
                sampleIntervalNs, sweptPaths, points,
                sharding == null ? null : new ShardingFile(sharding.shards(), Sharding.RULE)));
    }

    public static RunDescription readJson(String text) throws IOException {
        Required f = Json.read(text, Required.class);
        OptionalPart optional = Json.readOptional(text, OptionalPart.class);
        ShardingFile sharding = optional.sharding();
        int format = optional.format() == null ? UNVERSIONED_FORMAT : optional.format();
        return new RunDescription(f.scenario(), f.version(), format, f.masterSeed(), f.replications(), f.warmupNs(),
                f.durationNs(), f.sampleIntervalNs(), f.sweptPaths(), f.points(),
                sharding == null ? null : new Sharding(sharding.shards()));
    }

    /**
     * Why results stored in {@code dir}, described by {@code storedJson}, cannot be continued or
     * joined by this repsim: null when they are of this version's results format (or the
     * description cannot be read: the caller's other checks say so).
     *
     * @param remedy what to do instead, e.g. "use a new output directory, or --overwrite"
     */
    public static String formatMismatch(Path dir, String storedJson, String remedy) {
        int stored;
        try {
            stored = readJson(storedJson).format();
        } catch (IOException | RuntimeException e) {
            return null;
        }
        if (stored == RESULTS_FORMAT) {
            return null;
        }
        return dir + " was written by " + (stored < RESULTS_FORMAT ? "an earlier" : "a later") + " repsim (results "
                + "format " + stored + "; this one writes format " + RESULTS_FORMAT + "): results of the two versions "
                + "differ and cannot be mixed; " + remedy;
    }
}
