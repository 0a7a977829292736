package org.repsim.scenario.validate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.repsim.scenario.spec.Problem;
import org.repsim.scenario.spec.Scenario;
import org.repsim.scenario.spec.ScenarioException;
import org.repsim.scenario.spec.ScenarioPath;
import org.repsim.scenario.spec.SweepPoint;
import org.repsim.scenario.spec.SweepVariant;

/**
 * A scenario as written (a JSON tree with the location of every value), before validation.
 * Immutable: {@link #with} returns a new source with one value replaced (for {@code --set},
 * {@code --seed}, {@code --replications}). {@link #resolve()} validates and fills defaults;
 * {@link #sweepPoints()} expands the sweep.
 */
public final class ScenarioSource {

    /** Most points a sweep may expand to. */
    public static final int MAX_POINTS = 100_000;

    private static final ObjectMapper VALUES = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final int[] NO_LOCATION = {0, 0};

    private final String name;
    private final JsonNode raw;
    private final Map<String, int[]> locations;
    private final Path baseDirectory;
    /** The trace files read so far (a sweep's points read their base scenario's traces once). */
    private final TraceFiles traces = new TraceFiles();

    private ScenarioSource(String name, JsonNode raw, Map<String, int[]> locations, Path baseDirectory) {
        this.name = name;
        this.raw = raw;
        this.locations = locations;
        this.baseDirectory = baseDirectory;
    }

    /** Reads a scenario file; a missing or unreadable file or text that is not JSON is a {@link ScenarioException}. */
    public static ScenarioSource read(Path file) throws ScenarioException {
        String text;
        try {
            text = decodeUtf8(Files.readAllBytes(file), file);
        } catch (NoSuchFileException e) {
            throw new ScenarioException(file.toString(), List.of(new Problem("", 0, 0, "file not found: " + file)));
        } catch (IOException e) {
            throw new ScenarioException(file.toString(), List.of(new Problem("", 0, 0, "cannot read " + file + ": " + e)));
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        LocatedJson json = LocatedJson.parse(text, file.toString());
        Path parent = file.toAbsolutePath().getParent();
        return new ScenarioSource(file.toString(), json.root(), json.locations(), parent);
    }

    /**
     * The file's bytes as UTF-8 text.
     *
     * @throws ScenarioException naming the byte offset (and its line) of the first byte that is not UTF-8
     */
    static String decodeUtf8(byte[] bytes, Path file) throws ScenarioException {
        java.nio.charset.CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
        java.nio.charset.CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int at = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < at; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            throw new ScenarioException(file.toString(), List.of(new Problem("", line, at - lineStart + 1, "the file is not valid UTF-8"
                    + " at byte " + at + " (0x" + String.format("%02X", bytes[at] & 0xFF)
                    + "); save it as UTF-8 text")));
        }
        return out.flip().toString();
    }

    /** Parses scenario text; {@code sourceName} names it in messages. */
    public static ScenarioSource parse(String text, String sourceName) throws ScenarioException {
        LocatedJson json = LocatedJson.parse(text, sourceName);
        return new ScenarioSource(sourceName, json.root(), json.locations(), null);
    }

    /** Where the value at {@code path} is written: {line, column}, 1-based, or {0, 0} when it is not in the text. */
    public int[] location(String path) {
        int[] at = locations.get(path);
        return at == null ? NO_LOCATION.clone() : at.clone();
    }

        public String sourceName() {
        return name;
    }

    /**
     * The directory of the scenario file, against which relative trace paths are resolved;
     * empty for scenarios parsed from text (their trace files are then not checked).
     */
    public java.util.Optional<Path> baseDirectory() {
        return java.util.Optional.ofNullable(baseDirectory);
    }

    /** A trace path of this scenario as a file: relative paths against {@link #baseDirectory()}. */
    public Path resolveFile(String path) {
        Path p = Path.of(path);
        return baseDirectory == null || p.isAbsolute() ? p : baseDirectory.resolve(p);
    }

    /** A copy of the tree as written (with any values set by {@link #with}). */
    public JsonNode tree() {
        return raw.deepCopy();
    }

    /**
     * A new source with the value at {@code path} replaced. {@code valueText} is read as it
     * would be written in the file: {@code 10} is a number, {@code true} a boolean, {@code 4 Gbit/s}
     * or {@code off} a string, {@code "10"} (quoted) a string, {@code [..]}/{@code {..}} JSON.
     */
    public ScenarioSource with(String path, String valueText) throws ScenarioException {
        return with(path, valueOf(valueText));
    }

    /** A new source with {@code value} at {@code path}; the path must match the scenario format. */
    public ScenarioSource with(String path, JsonNode value) throws ScenarioException {
        if (!raw.isObject()) {
            throw new ScenarioException(name, List.of(new Problem("", 0, 0, "a scenario is a JSON object { ... }")));
        }
        ObjectNode copy = (ObjectNode) raw.deepCopy();
        String written;
        try {
            ScenarioPath p = ScenarioPath.parse(path);
            p.checkAgainstFormat();
            written = p.write(copy, value);
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(name, List.of(new Problem(path, 0, 0, "cannot set: " + e.getMessage())));
        }
        // the value no longer comes from the file: problems with it carry no file location
        return new ScenarioSource(name, copy, relocated(locations, written, NO_LOCATION), baseDirectory);
    }

    /**
     * The sweep paths of this scenario that lie at or under {@code path} (same steps, ignoring
     * spaces around keys and selectors), in sweep order: the axes a value set at {@code path}
     * would otherwise be overwritten by. Empty when nothing is swept there or the path does not
     * parse (setting it then reports the problem).
     */
    public List<String> sweepPathsUnder(String path) {
        List<String> out = new ArrayList<>();
        JsonNode sweep = raw.isObject() ? raw.get("sweep") : null;
        if (sweep == null || !sweep.isObject()) {
            return out;
        }
        List<ScenarioPath.Step> set;
        try {
            set = ScenarioPath.parse(path).steps();
        } catch (IllegalArgumentException e) {
            return out;
        }
        Iterator<String> keys = sweep.fieldNames();
        while (keys.hasNext()) {
            String key = keys.next();
            if (key.equals(SweepVariant.SWEEP_KEY)) {
                continue; // the variants axis sets paths of its own: variantsSetting
            }
            try {
                List<ScenarioPath.Step> swept = ScenarioPath.parse(key).steps();
                if (swept.size() >= set.size() && swept.subList(0, set.size()).equals(set)) {
                    out.add(key);
                }
            } catch (IllegalArgumentException e) {
                // a malformed sweep path is reported by resolve()
            }
        }
        return out;
    }

    /**
     * A new source whose sweep no longer varies {@code sweepPath} (a key of {@code sweep}); the
     * {@code sweep} object goes when it was the last axis.
     */
    public ScenarioSource withoutSweepPath(String sweepPath) {
        ObjectNode copy = (ObjectNode) raw.deepCopy();
        JsonNode sweep = copy.get("sweep");
        if (sweep instanceof ObjectNode axes) {
            axes.remove(sweepPath);
            if (axes.isEmpty()) {
                copy.remove("sweep");
            }
        }
        return new ScenarioSource(name, copy, locations, baseDirectory);
    }

    /**
     * The variants of {@code sweep.variants} that set a value at or under {@code path} ({@code under})
     * or an object holding {@code path} ({@code !under}), by name in the order written; empty when
     * there are no well-formed variants.
     */
    public List<String> variantsSetting(String path, boolean under) {
        List<String> out = new ArrayList<>();
        for (SweepVariant v : writtenVariants()) {
            for (String key : v.set().keySet()) {
                if (under ? SweepVariants.overlap(key, path) && depth(key) >= depth(path)
                        : SweepVariants.overlap(key, path) && depth(key) < depth(path)) {
                    out.add(v.name());
                    break;
                }
            }
        }
        return out;
    }

    /** A new source whose variants no longer set any value at or under {@code path}. */
    public ScenarioSource withoutVariantPathsUnder(String path) {
        ObjectNode copy = (ObjectNode) raw.deepCopy();
        JsonNode list = copy.path("sweep").path(SweepVariant.SWEEP_KEY);
        for (JsonNode v : list) {
            if (v.path("set") instanceof ObjectNode set) {
                List<String> drop = new ArrayList<>();
                set.fieldNames().forEachRemaining(k -> {
                    if (SweepVariants.overlap(k, path) && depth(k) >= depth(path)) {
                        drop.add(k);
                    }
                });
                set.remove(drop);
            }
        }
        return new ScenarioSource(name, copy, locations, baseDirectory);
    }

    private List<SweepVariant> writtenVariants() {
        JsonNode sweep = raw.isObject() ? raw.get("sweep") : null;
        if (sweep == null || !sweep.isObject() || !sweep.has(SweepVariant.SWEEP_KEY)) {
            return List.of();
        }
        return SweepVariants.read(raw, new Problems(locations));
    }

    private static int depth(String path) {
        try {
            return ScenarioPath.parse(path).steps().size();
        } catch (IllegalArgumentException e) {
            return 0;
        }
    }

    /** Locations with those at and under {@code path} replaced by {@code at}. */
    private static Map<String, int[]> relocated(Map<String, int[]> locations, String path, int[] at) {
        Map<String, int[]> moved = new java.util.HashMap<>(locations);
        moved.keySet().removeIf(k -> k.equals(path) || k.startsWith(path + ".") || k.startsWith(path + "["));
        moved.put(path, at);
        return moved;
    }

    /** Reads a value as written in a scenario file (see {@link #with(String, String)}). */
    public static JsonNode valueOf(String text) {
        try {
            return VALUES.readTree(text);
        } catch (JsonProcessingException e) {
            return JsonNodeFactory.instance.textNode(text.trim());
        }
    }

    /**
     * Validates the scenario and fills every default. Every value of the sweep is checked too.
     *
     * @throws ScenarioException with every problem found
     */
    public Scenario resolve() throws ScenarioException {
        Problems problems = new Problems(locations);
        Scenario scenario = resolveTree(raw.deepCopy(), problems);
        if (scenario != null && baseDirectory != null) {
            traces.check(scenario, this::resolveFile, problems);
        }
        JsonNode sweep = raw.isObject() ? raw.get("sweep") : null;
        if (scenario != null && sweep != null && sweep.isObject()) {
            List<Problem> base = problems.list();
            Iterator<Map.Entry<String, JsonNode>> fields = sweep.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (f.getKey().equals(SweepVariant.SWEEP_KEY)) {
                    SweepVariants.checkApplied(raw, SweepVariants.read(raw, problems), base, problems, locations);
                } else {
                    checkSweepPath(f.getKey(), f.getValue(), base, problems);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ScenarioException(name, problems.list());
        }
        return scenario;
    }

    private void checkSweepPath(String key, JsonNode values, List<Problem> base, Problems problems) {
        String sweepPath = JsonPaths.key("sweep", key);
        if (key.isBlank()) {
            problems.add(sweepPath, "a sweep key is the path of a value, e.g. \"links[wan].bandwidth\"; found an empty key");
            return;
        }
        ScenarioPath path;
        try {
            path = ScenarioPath.parse(key);
            path.checkAgainstFormat();
            path.write((ObjectNode) raw.deepCopy(), JsonNodeFactory.instance.nullNode());
        } catch (IllegalArgumentException e) {
            problems.add(sweepPath, e.getMessage());
            return;
        }
        if (!values.isArray()) {
            return;
        }
        for (int j = 0; j < values.size(); j++) {
            ObjectNode copy = (ObjectNode) raw.deepCopy();
            path.write(copy, values.get(j));
            copy.remove("sweep");
            Problems sub = new Problems(locations);
            resolveTree(copy, sub);
            for (Problem p : sub.list()) {
                if (!base.contains(p)) {
                    problems.add(JsonPaths.index(sweepPath, j), "with " + key + " = " + values.get(j) + ": "
                            + (p.path().equals(key) ? "" : p.path() + ": ") + p.message());
                }
            }
        }
    }

    /**
     * The run matrix: the cross product of the sweep's axes in the order written, the first
     * varying slowest, each point with a stable id p000, p001, … An axis is a swept path and its
     * values, or {@code variants}: named sets of values, whose point parameter is {@code variant}
     * = the name. A scenario without a sweep has one point.
     *
     * @throws ScenarioException if the scenario or any point is invalid
     */
    public List<SweepPoint> sweepPoints() throws ScenarioException {
        Scenario base = resolve();
        if (base.sweep().isEmpty()) {
            return List.of(new SweepPoint("p000", Map.of(), base));
        }
        List<Axis> axes = axes(base);
        long count = 1;
        for (Axis a : axes) {
            count *= a.choices().size();
            if (count > MAX_POINTS) {
                throw new ScenarioException(name, List.of(problem("sweep", "the sweep expands to more than "
                        + MAX_POINTS + " points")));
            }
        }
        int width = Math.max(3, Long.toString(count - 1).length());
        List<SweepPoint> points = new ArrayList<>();
        Problems problems = new Problems(locations);
        for (int index = 0; index < count; index++) {
            int[] choice = new int[axes.size()];
            int rest = index;
            for (int k = axes.size() - 1; k >= 0; k--) {
                choice[k] = rest % axes.get(k).choices().size();
                rest /= axes.get(k).choices().size();
            }
            ObjectNode copy = (ObjectNode) raw.deepCopy();
            copy.remove("sweep");
            Map<String, JsonNode> params = new LinkedHashMap<>();
            Map<String, int[]> pointLocations = locations;
            for (int k = 0; k < axes.size(); k++) {
                Choice c = axes.get(k).choices().get(choice[k]);
                params.put(axes.get(k).parameter(), c.param());
                for (Map.Entry<String, JsonNode> w : c.writes().entrySet()) {
                    String written = ScenarioPath.parse(w.getKey()).write(copy, w.getValue());
                    // problems with a swept value point at the value in the sweep
                    int[] at = new Problems(locations).locate(c.writtenAt().get(w.getKey()));
                    pointLocations = relocated(pointLocations, written, at == null ? NO_LOCATION : at);
                }
            }
            String id = String.format("p%0" + width + "d", index);
            Problems sub = new Problems(pointLocations);
            Scenario scenario = resolveTree(copy, sub);
            if (scenario != null && sub.isEmpty() && baseDirectory != null) {
                traces.check(scenario, this::resolveFile, sub); // a swept trace setting is checked at its point
            }
            if (sub.isEmpty()) {
                points.add(new SweepPoint(id, params, scenario));
            } else {
                for (Problem p : sub.list()) {
                    problems.add(new Problem(p.path(), p.line(), p.column(), "sweep point " + id + " " + params + ": " + p.message()));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ScenarioException(name, problems.list());
        }
        refuseInertSweeps(axes, points, problems);
        if (!problems.isEmpty()) {
            throw new ScenarioException(name, problems.list());
        }
        return List.copyOf(points);
    }

    /**
     * A sweep axis at a path without effect at every point is refused: its points would all give
     * the same results ({@link KeyEffects}). (A variant's value there is a warning: {@link #warnings}.)
     */
    private void refuseInertSweeps(List<Axis> axes, List<SweepPoint> points, Problems problems) {
        for (Axis axis : axes) {
            if (!axis.parameter().equals(SweepVariant.COLUMN)) {
                inertAt(axis.parameter(), points).ifPresent(
                        inert -> problems.add(JsonPaths.key("sweep", axis.parameter()), inert.refusal(axis.parameter())));
            }
        }
    }

    /** Why {@code key} has no effect at any of {@code points}; empty when it has one at some point. */
    private static java.util.Optional<KeyEffects.Inert> inertAt(String key, List<SweepPoint> points) {
        KeyEffects.Inert first = null;
        for (SweepPoint p : points) {
            java.util.Optional<KeyEffects.Inert> inert = KeyEffects.of(p.scenario(), key);
            if (inert.isEmpty()) {
                return java.util.Optional.empty();
            }
            first = first == null ? inert.get() : first;
        }
        return java.util.Optional.ofNullable(first);
    }

    /**
     * Keys written in the file (or set by {@link #with}) that have no effect at any of the run's
     * {@code points}, and values a sweep variant sets that have no effect at any of its points: one
     * warning each, at its path and line ({@link KeyEffects}). Defaults are never warned about.
     */
    public List<Problem> warnings(List<SweepPoint> points) {
        if (!raw.isObject() || points.isEmpty()) {
            return List.of();
        }
        Problems at = new Problems(locations);
        List<Problem> out = new ArrayList<>(KeyEffects.warnings(raw, at, points.stream().map(SweepPoint::scenario).toList()));
        List<SweepVariant> variants = writtenVariants();
        for (int i = 0; i < variants.size(); i++) {
            String name = variants.get(i).name();
            List<SweepPoint> carrying = points.stream().filter(p -> p.params().containsKey(SweepVariant.COLUMN)
                    && name.equals(p.params().get(SweepVariant.COLUMN).asText())).toList();
            for (String key : variants.get(i).set().keySet()) {
                String path = SweepVariants.setPath(i, key);
                inertAt(key, carrying).ifPresent(inert -> {
                    int[] where = at.locate(path);
                    out.add(new Problem(path, where == null ? 0 : where[0], where == null ? 0 : where[1],
                            "variant '" + name + "': " + key + " " + inert.warning()));
                });
            }
        }
        return out;
    }

    /**
     * Why {@code repsim size --vary path} would vary nothing in {@code scenario}: the refusal, at
     * the path's place in the file or else at the key that makes it inert; empty when it may have an effect.
     */
    public java.util.Optional<Problem> inertVary(Scenario scenario, String path) {
        return KeyEffects.of(scenario, path).map(inert -> {
            int[] at = new Problems(locations).locate(locations.containsKey(path) ? path : inert.deciding());
            return new Problem(path, at == null ? 0 : at[0], at == null ? 0 : at[1], inert.refusal(path));
        });
    }

    /** One value of a sweep axis: the point parameter, the values it writes and where each is written in the file. */
    private record Choice(JsonNode param, Map<String, JsonNode> writes, Map<String, String> writtenAt) {
    }

    /** A sweep axis: the parameter it gives each point ({@code summary.csv} column) and its values. */
    private record Axis(String parameter, List<Choice> choices) {
    }

    private List<Axis> axes(Scenario base) {
        List<Axis> axes = new ArrayList<>();
        for (Map.Entry<String, List<JsonNode>> e : base.sweep().entrySet()) {
            List<Choice> choices = new ArrayList<>();
            if (e.getKey().equals(SweepVariant.SWEEP_KEY)) {
                List<SweepVariant> variants = SweepVariants.read(raw, new Problems(locations));
                for (int i = 0; i < variants.size(); i++) {
                    Map<String, String> at = new LinkedHashMap<>();
                    for (String k : variants.get(i).set().keySet()) {
                        at.put(k, SweepVariants.setPath(i, k));
                    }
                    choices.add(new Choice(JsonNodeFactory.instance.textNode(variants.get(i).name()),
                            variants.get(i).set(), at));
                }
                axes.add(new Axis(SweepVariant.COLUMN, choices));
                continue;
            }
            for (int j = 0; j < e.getValue().size(); j++) {
                JsonNode v = e.getValue().get(j);
                choices.add(new Choice(v, Map.of(e.getKey(), v),
                        Map.of(e.getKey(), JsonPaths.index(JsonPaths.key("sweep", e.getKey()), j))));
            }
            axes.add(new Axis(e.getKey(), choices));
        }
        return axes;
    }

    private Problem problem(String path, String message) {
        int[] at = new Problems(locations).locate(path);
        return new Problem(path, at == null ? 0 : at[0], at == null ? 0 : at[1], message);
    }

    /** like-expansion, binding with defaults, then cross references; problems go to {@code problems}. */
    static Scenario resolveTree(JsonNode tree, Problems problems) {
        if (!tree.isObject()) {
            problems.add("", "a scenario is a JSON object { ... }, found " + Binder.describe(tree));
            return null;
        }
        Map<String, String> copies = Likes.expand(tree, problems);
        Scenario scenario = new Binder(problems).bind(tree);
        if (scenario != null) {
            References.check(scenario, problems);
            ModelConstraints.check(scenario, problems);
        }
        problems.dropInherited(copies);
        return scenario;
    }
}
