package org.repsim.scenario.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A path to a value in a scenario, as used by {@code sweep} and {@code --set}:
 * {@code links[wan].bandwidth}, {@code replication.cycle.minCycleTime}, {@code boxes[r1a].cache.size},
 * {@code run.replications}. List elements are selected by {@code id} in brackets or by a numeric
 * index ({@code links[0]}).
 */
public final class ScenarioPath {

    /** One step: an object key, or a list selector (id or index). */
    public record Step(String key, String selector) {
        public boolean isKey() {
            return key != null;
        }

        @Override
        public String toString() {
            return isKey() ? key : "[" + selector + "]";
        }
    }

    private final String text;
    private final List<Step> steps;

    private ScenarioPath(String text, List<Step> steps) {
        this.text = text;
        this.steps = List.copyOf(steps);
    }

    /** @throws IllegalArgumentException when the syntax is wrong */
    public static ScenarioPath parse(String text) {
        List<Step> steps = new ArrayList<>();
        int i = 0;
        int n = text.length();
        boolean expectKey = true;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '[') {
                int close = text.indexOf(']', i);
                if (close < 0 || close == i + 1 || steps.isEmpty()) {
                    throw new IllegalArgumentException("bad path '" + text + "': a [selector] follows a key and holds an id or index");
                }
                steps.add(new Step(null, text.substring(i + 1, close).trim()));
                i = close + 1;
                expectKey = false;
            } else if (c == '.') {
                if (expectKey) {
                    throw new IllegalArgumentException("bad path '" + text + "': empty key");
                }
                i++;
                expectKey = true;
                if (i == n) {
                    throw new IllegalArgumentException("bad path '" + text + "': ends with '.'");
                }
            } else {
                if (!expectKey) {
                    throw new IllegalArgumentException("bad path '" + text + "': expected '.' or '[' at position " + (i + 1));
                }
                int end = i;
                while (end < n && text.charAt(end) != '.' && text.charAt(end) != '[') {
                    end++;
                }
                steps.add(new Step(text.substring(i, end).trim(), null));
                i = end;
                expectKey = false;
            }
        }
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("empty path");
        }
        return new ScenarioPath(text, steps);
    }

    public List<Step> steps() {
        return steps;
    }

    @Override
    public String toString() {
        return text;
    }

    /**
     * Checks the path against the scenario format: every key must be one the format accepts
     * where it stands, and lists need a selector.
     *
     * @throws IllegalArgumentException naming the first step that matches nothing
     */
    public void checkAgainstFormat() {
        Type type = Scenario.class;
        StringBuilder at = new StringBuilder();
        for (int s = 0; s < steps.size(); s++) {
            Step step = steps.get(s);
            Class<?> raw = Keys.raw(type);
            if (step.isKey()) {
                if (Map.class.isAssignableFrom(raw)) {
                    type = Keys.argument(type, 1);
                } else if (raw.isRecord() || Keys.isVariantFamily(raw)) {
                    Type next = componentType(raw, step.key());
                    if (next == null) {
                        List<String> keys = Keys.acceptedKeys(raw);
                        throw new IllegalArgumentException("path '" + text + "' matches nothing: no key '" + step.key() + "'"
                                + (at.length() == 0 ? " at the top level" : " in " + at)
                                + Keys.didYouMean(step.key(), keys));
                    }
                    type = next;
                } else {
                    throw new IllegalArgumentException("path '" + text + "' matches nothing: " + at + " is a single value");
                }
                if (at.length() > 0) {
                    at.append('.');
                }
                at.append(step.key());
            } else {
                if (!List.class.isAssignableFrom(raw)) {
                    throw new IllegalArgumentException("path '" + text + "' matches nothing: " + at + " is not a list");
                }
                type = Keys.argument(type, 0);
                at.append(step);
            }
        }
    }

    private static Type componentType(Class<?> type, String key) {
        List<Class<?>> candidates = new ArrayList<>();
        if (Keys.isVariantFamily(type)) {
            if (key.equals(Keys.discriminator(type))) {
                return String.class;
            }
            candidates.addAll(Keys.variants(type).values());
        } else {
            candidates.add(type);
        }
        for (Class<?> c : candidates) {
            RecordComponent rc = Keys.components(c).get(key);
            if (rc != null) {
                return rc.getGenericType();
            }
        }
        return null;
    }

    /**
     * Reads the value at this path in a scenario tree.
     *
     * @throws IllegalArgumentException when a step matches nothing
     */
    public JsonNode read(JsonNode root) {
        JsonNode node = root;
        StringBuilder at = new StringBuilder();
        for (Step step : steps) {
            node = child(node, step, at, false);
            append(at, step);
        }
        return node;
    }

    /**
     * Writes {@code value} at this path, creating objects for missing keys on the way (a block
     * left to its defaults); list selectors must match an existing element.
     *
     * @return the path written with list elements by position ({@code links[0].bandwidth}), as
     *         problems are reported
     * @throws IllegalArgumentException when a step matches nothing
     */
    public String write(ObjectNode root, JsonNode value) {
        JsonNode node = root;
        StringBuilder at = new StringBuilder();
        StringBuilder concrete = new StringBuilder();
        for (int s = 0; s < steps.size() - 1; s++) {
            Step step = steps.get(s);
            JsonNode next = child(node, step, at, true);
            if (step.isKey()) {
                append(concrete, step);
            } else {
                concrete.append('[').append(index((ArrayNode) node, step, at)).append(']');
            }
            append(at, step);
            node = next;
        }
        Step last = steps.get(steps.size() - 1);
        if (last.isKey()) {
            if (!node.isObject()) {
                throw new IllegalArgumentException("path '" + text + "' matches nothing: " + at + " is not an object");
            }
            ((ObjectNode) node).set(last.key(), value);
            append(concrete, last);
        } else {
            if (!node.isArray()) {
                throw new IllegalArgumentException("path '" + text + "' matches nothing: " + at + " is not a list");
            }
            int i = index((ArrayNode) node, last, at);
            ((ArrayNode) node).set(i, value);
            concrete.append('[').append(i).append(']');
        }
        return concrete.toString();
    }

    private JsonNode child(JsonNode node, Step step, StringBuilder at, boolean create) {
        if (step.isKey()) {
            if (!node.isObject()) {
                throw new IllegalArgumentException("path '" + text + "' matches nothing: " + at + " is not an object");
            }
            JsonNode child = node.get(step.key());
            if (child == null) {
                if (!create) {
                    throw new IllegalArgumentException("path '" + text + "' matches nothing: no '" + step.key() + "'"
                            + (at.length() == 0 ? "" : " in " + at));
                }
                child = ((ObjectNode) node).putObject(step.key());
            }
            return child;
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("path '" + text + "' matches nothing: " + at + " is not a list");
        }
        return node.get(index((ArrayNode) node, step, at));
    }

    private int index(ArrayNode list, Step step, StringBuilder at) {
        String sel = step.selector();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode id = list.get(i).get("id");
            if (id != null && id.isTextual()) {
                if (id.asText().equals(sel)) {
                    return i;
                }
                ids.add(id.asText());
            }
        }
        if (sel.chars().allMatch(Character::isDigit)) {
            int i = Integer.parseInt(sel);
            if (i < list.size()) {
                return i;
            }
            throw new IllegalArgumentException("path '" + text + "' matches nothing: " + at + " has "
                    + list.size() + " element(s), no index " + i);
        }
        throw new IllegalArgumentException("path '" + text + "' matches nothing: no element with id '" + sel + "' in "
                + at + Keys.didYouMean(sel, ids));
    }

    private static void append(StringBuilder at, Step step) {
        if (step.isKey() && at.length() > 0) {
            at.append('.');
        }
        at.append(step);
    }
}
