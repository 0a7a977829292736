package org.repsim.scenario.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.repsim.scenario.spec.Problem;
import org.repsim.scenario.spec.ScenarioPath;
import org.repsim.scenario.spec.SweepVariant;

/**
 * Reads and checks the {@code sweep.variants} axis (docs/scenario-format.md, "Sweeps"): a list of
 * {@code {"name": …, "set": {PATH: VALUE, …}}}. Every problem is reported at the JSON path of
 * what is wrong, e.g. {@code sweep.variants[2].set.replication.mode}.
 */
final class SweepVariants {

    /** Names label points, charts and {@code summary.csv} cells: portable file-name characters. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final List<String> KEYS = List.of("name", "set");

    private SweepVariants() {
    }

    /** The path of {@code sweep.variants}. */
    static String path() {
        return JsonPaths.key("sweep", SweepVariant.SWEEP_KEY);
    }

    /** The path at which a value a variant sets is written in the file. */
    static String setPath(int index, String key) {
        return JsonPaths.key(JsonPaths.index(path(), index) + ".set", key);
    }

    /**
     * The variants of {@code raw} (a scenario tree whose {@code sweep} holds {@code variants}),
     * each well formed: object shape, unique names, set paths that exist in the format and cross
     * no other sweep axis. Problems go to {@code problems}; a malformed variant is left out.
     */
    static List<SweepVariant> read(JsonNode raw, Problems problems) {
        JsonNode sweep = raw.get("sweep");
        JsonNode list = sweep.get(SweepVariant.SWEEP_KEY);
        List<SweepVariant> out = new ArrayList<>();
        if (!list.isArray()) {
            return out; // the binder reports a value that is not a non-empty list
        }
        List<String> axes = new ArrayList<>();
        sweep.fieldNames().forEachRemaining(k -> {
            if (!k.equals(SweepVariant.SWEEP_KEY)) {
                axes.add(k);
            }
        });
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String at = JsonPaths.index(path(), i);
            JsonNode v = list.get(i);
            if (!v.isObject()) {
                problems.add(at, "expected a variant { \"name\": \"…\", \"set\": { PATH: VALUE, … } }, found " + Binder.describe(v));
                continue;
            }
            boolean ok = true;
            Iterator<String> keys = v.fieldNames();
            while (keys.hasNext()) {
                String k = keys.next();
                if (!KEYS.contains(k)) {
                    problems.add(JsonPaths.key(at, k), "unknown key '" + k + "'; accepted keys: name, set");
                    ok = false;
                }
            }
            JsonNode name = v.get("name");
            if (name == null) {
                problems.add(at, "missing required key 'name' (the variant's name, e.g. \"sync\")");
                ok = false;
            } else if (!name.isTextual() || !NAME.matcher(name.textValue()).matches()) {
                problems.add(JsonPaths.key(at, "name"), "a variant's name is letters, digits, '.', '_' and '-', "
                        + "starting with a letter or digit; found " + Binder.describe(name));
                ok = false;
            } else if (!names.add(name.textValue())) {
                problems.add(JsonPaths.key(at, "name"), "variant name '" + name.textValue() + "' is used twice");
                ok = false;
            }
            JsonNode set = v.get("set");
            if (set == null) {
                problems.add(at, "missing required key 'set' (scenario path → value, e.g. { \"replication.mode\": \"sync\" })");
                continue;
            }
            if (!set.isObject()) {
                problems.add(JsonPaths.key(at, "set"), "expected an object { PATH: VALUE, … }, found " + Binder.describe(set));
                continue;
            }
            Map<String, JsonNode> values = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = set.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (checkSetPath(raw, i, f.getKey(), axes, problems)) {
                    values.put(f.getKey(), f.getValue());
                } else {
                    ok = false;
                }
            }
            if (ok) {
                out.add(new SweepVariant(name.textValue(), values));
            }
        }
        return out;
    }

    private static boolean checkSetPath(JsonNode raw, int index, String key, List<String> axes, Problems problems) {
        String at = setPath(index, key);
        if (key.isBlank()) {
            problems.add(at, "a key of set is the path of a value, e.g. \"replication.mode\"; found an empty key");
            return false;
        }
        try {
            ScenarioPath path = ScenarioPath.parse(key);
            path.checkAgainstFormat();
            path.write((ObjectNode) raw.deepCopy(), JsonNodeFactory.instance.nullNode());
        } catch (IllegalArgumentException e) {
            problems.add(at, e.getMessage());
            return false;
        }
        for (String axis : axes) {
            if (overlap(key, axis)) {
                problems.add(at, "'" + key + "' is also swept by sweep." + axis
                        + "; a value may be varied by the variants or by one axis, not both");
                return false;
            }
        }
        return true;
    }

    /** True when one path lies at or under the other (same steps, ignoring spaces). */
    static boolean overlap(String a, String b) {
        try {
            List<ScenarioPath.Step> x = ScenarioPath.parse(a).steps();
            List<ScenarioPath.Step> y = ScenarioPath.parse(b).steps();
            int n = Math.min(x.size(), y.size());
            return x.subList(0, n).equals(y.subList(0, n));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Writes every value {@code variant} sets into {@code tree}.
     *
     * @return set path → the path written with list elements by position ({@code links[0].bandwidth})
     */
    static Map<String, String> apply(SweepVariant variant, ObjectNode tree) {
        Map<String, String> written = new LinkedHashMap<>();
        variant.set().forEach((k, v) -> written.put(k, ScenarioPath.parse(k).write(tree, v)));
        return written;
    }

    /**
     * Checks each variant applied on its own to the scenario without sweep: a problem it brings
     * (one not among {@code base}) is reported at the set value it comes from, or at the variant
     * when it lies elsewhere (a consequence of several values together).
     */
    static void checkApplied(JsonNode raw, List<SweepVariant> variants, List<Problem> base, Problems problems,
            Map<String, int[]> locations) {
        JsonNode list = raw.get("sweep").get(SweepVariant.SWEEP_KEY);
        for (SweepVariant variant : variants) {
            int index = indexOf(list, variant.name());
            ObjectNode copy = (ObjectNode) raw.deepCopy();
            copy.remove("sweep");
            Map<String, String> written = apply(variant, copy);
            Problems sub = new Problems(locations);
            ScenarioSource.resolveTree(copy, sub);
            for (Problem p : sub.list()) {
                if (base.contains(p)) {
                    continue;
                }
                String source = sourceOf(p.path(), written);
                if (source != null) {
                    problems.add(setPath(index, source), "with " + source + " = " + variant.set().get(source) + ": "
                            + (p.path().equals(written.get(source)) ? "" : p.path() + ": ") + p.message());
                } else {
                    problems.add(JsonPaths.index(path(), index), "with variant '" + variant.name() + "': "
                            + p.path() + ": " + p.message());
                }
            }
        }
    }

    /** The set path whose written value holds {@code problemPath}, the last written when several do. */
    static String sourceOf(String problemPath, Map<String, String> written) {
        String found = null;
        for (Map.Entry<String, String> w : written.entrySet()) {
            String at = w.getValue();
            if (problemPath.equals(at) || problemPath.startsWith(at + ".") || problemPath.startsWith(at + "[")) {
                found = w.getKey();
            }
        }
        return found;
    }

    private static int indexOf(JsonNode list, String name) {
        for (int i = 0; i < list.size(); i++) {
            JsonNode n = list.get(i).get("name");
            if (n != null && name.equals(n.asText())) {
                return i;
            }
        }
        throw new IllegalStateException("no variant " + name);
    }
}
