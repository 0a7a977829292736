package org.repsim.scenario.build;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repsim.scenario.spec.Scenario;
import org.repsim.scenario.spec.ScenarioException;
import org.repsim.scenario.validate.ScenarioSource;
import org.repsim.scenario.validate.Scenarios;

/**
 * Walks the model constructors' checks against the validator's: every key of every shipped
 * example and benchmark scenario, in its resolved form (so keys left to their defaults are
 * walked too), is set in turn to boundary values (zero, one, negative, tiny, huge, a flipped
 * boolean). Each such scenario must be either refused by validation or built and run briefly
 * by the models: a constraint that a component enforces but validation misses shows up as a
 * scenario that validates and then fails to build or run.
 */
class ValidationCoversTheModelsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern QUANTITY = Pattern.compile("\\s*([0-9.eE+-]+)\\s*(\\S+)\\s*");
    private static final List<String> INTEGERS = List.of("0", "-1", "1", "2147483647", "9223372036854775807", "1e300");
    private static final List<String> FRACTIONS = List.of("0", "-0.5", "1e-9", "1", "1.5", "1e300");
    private static final List<String> MAGNITUDES = List.of("0", "1", "1e-9", "1e-300", "1e15", "1e300");

    @TempDir
    Path dir;

    @Test
    void everyKeyAtItsBoundariesIsRefusedByValidationOrBuildsAndRuns() throws IOException, ScenarioException {
        copyTraces();
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> examples = Files.list(Path.of("examples")); Stream<Path> bench = Files.list(Path.of("bench"))) {
            Stream.concat(examples, bench).filter(p -> p.toString().endsWith(".json")).sorted().forEach(sources::add);
        }
        sources.add(Path.of("src/test/resources/full-format.json")); // every key of the format
        Set<String> walked = new HashSet<>();
        List<String> failures = new ArrayList<>();
        int refused = 0;
        int built = 0;
        for (Path source : sources) {
            Scenario sc = Scenarios.load(source);
            ObjectNode base = sc.toResolvedJson();
            base.remove("sweep");
            String mode = sc.replication() == null ? "none"
                    : sc.replication().mode() + "/" + sc.replication().consistency().mode();
            List<Object[]> leaves = new ArrayList<>();
            walk(base, "", List.of(), leaves);
            for (Object[] leaf : leaves) {
                // keys outside replication behave alike in every mode: walked once
                String path = ((String) leaf[0]).replaceAll("\\[\\d+]", "[]");
                String key = path.startsWith("replication.") ? mode + " " + path : path;
                if (!walked.add(key)) {
                    continue;
                }
                for (String raw : candidates((JsonNode) leaf[1])) {
                    ObjectNode copy = base.deepCopy();
                    set(copy, leaf, JSON.readTree(raw));
                    Path file = dir.resolve("walk.json");
                    Files.writeString(file, copy.toPrettyString());
                    Scenario valid;
                    try {
                        valid = ScenarioSource.read(file).resolve();
                    } catch (ScenarioException e) {
                        refused++;
                        continue;
                    }
                    built++;
                    ShortRun.Outcome o = ShortRun.of(valid, dir, 100_000_000L, 100, 5_000);
                    if (o.failure() != null) {
                        failures.add(source + ": " + leaf[0] + " = " + raw + ": " + o.failure());
                    }
                }
            }
        }
        System.out.printf("walk: %d keys, %d values refused by validation, %d valid ones built and run%n",
                walked.size(), refused, built);
        assertThat(failures).as("values that validate but the models refuse").isEmpty();
        assertThat(walked.size()).isGreaterThan(150);
        assertThat(refused).isGreaterThan(100);
        assertThat(built).isGreaterThan(100);
    }

    /** Boundary values for a leaf, as raw JSON. */
    private static List<String> candidates(JsonNode leaf) {
        List<String> out = new ArrayList<>();
        if (leaf.isIntegralNumber()) {
            out.addAll(INTEGERS);
        } else if (leaf.isNumber()) {
            out.addAll(FRACTIONS);
        } else if (leaf.isBoolean()) {
            out.add(Boolean.toString(!leaf.booleanValue()));
        } else if (leaf.isTextual()) {
            Matcher m = QUANTITY.matcher(leaf.textValue());
            if (m.matches() && Character.isLetter(m.group(2).charAt(0)) || m.matches() && m.group(2).startsWith("/")) {
                for (String n : MAGNITUDES) {
                    out.add("\"" + n + (m.group(2).startsWith("/") ? "" : " ") + m.group(2) + "\"");
                }
            }
        }
        return out;
    }

    private static void walk(JsonNode node, String path, List<Object> steps, List<Object[]> out) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> f : node.properties()) {
                List<Object> next = new ArrayList<>(steps);
                next.add(f.getKey());
                walk(f.getValue(), path.isEmpty() ? f.getKey() : path + "." + f.getKey(), next, out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                List<Object> next = new ArrayList<>(steps);
                next.add(i);
                walk(node.get(i), path + "[" + i + "]", next, out);
            }
        } else {
            out.add(new Object[] {path, node, steps});
        }
    }

    @SuppressWarnings("unchecked")
    private static void set(ObjectNode tree, Object[] leaf, JsonNode value) {
        List<Object> steps = (List<Object>) leaf[2];
        JsonNode node = tree;
        for (int i = 0; i < steps.size() - 1; i++) {
            Object s = steps.get(i);
            node = s instanceof Integer index ? node.get(index) : node.get((String) s);
        }
        Object last = steps.get(steps.size() - 1);
        if (last instanceof Integer index) {
            ((ArrayNode) node).set(index, value);
        } else {
            ((ObjectNode) node).set((String) last, value);
        }
    }

    private void copyTraces() throws IOException {
        Path from = Path.of("examples/traces");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = dir.resolve("traces").resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
