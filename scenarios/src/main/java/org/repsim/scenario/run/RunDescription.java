package org.repsim.scenario.run;

import com.fasterxml.jackson.databind.JsonNode;
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

    public String json() {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("scenario", scenarioName);
            g.writeStringField("version", toolVersion);
            g.writeNumberField("masterSeed", masterSeed);
            g.writeNumberField("replications", replications);
            g.writeBooleanField("commonRandomNumbers", true);
            g.writeNumberField("warmupNs", warmupNs);
            g.writeNumberField("durationNs", durationNs);
            g.writeNumberField("sampleIntervalNs", sampleIntervalNs);
            Json.strings(g, "sweptPaths", sweptPaths);
            g.writeArrayFieldStart("points");
            for (Point p : points) {
                g.writeStartObject();
                g.writeStringField("id", p.id());
                Json.stringMap(g, "params", p.params());
                g.writeEndObject();
            }
            g.writeEndArray();
            if (sharding != null) {
                g.writeObjectFieldStart("sharding");
                g.writeNumberField("shards", sharding.shards());
                g.writeStringField("rule", Sharding.RULE);
                g.writeEndObject();
            }
            g.writeEndObject();
        });
    }

    public static RunDescription readJson(String text) throws IOException {
        JsonNode root = Json.read(text);
        List<Point> points = new ArrayList<>();
        for (JsonNode p : Json.field(root, "points")) {
            points.add(new Point(Json.field(p, "id").asText(), Json.stringMap(p, "params")));
        }
        JsonNode sharding = root.get("sharding");
        return new RunDescription(Json.field(root, "scenario").asText(), Json.field(root, "version").asText(),
                Json.field(root, "masterSeed").longValue(), Json.field(root, "replications").intValue(),
                Json.field(root, "warmupNs").longValue(), Json.field(root, "durationNs").longValue(),
                Json.field(root, "sampleIntervalNs").longValue(), Json.strings(root, "sweptPaths"), points,
                sharding == null ? null : new Sharding(Json.field(sharding, "shards").intValue()));
    }
}
