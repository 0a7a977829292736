package org.repsim.scenario.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A seeded mutator of scenario files, as a careless or hostile user would edit them: values
 * replaced from a pool of hostile values (extremes, wrong types, quantities that overflow or
 * have no unit), keys deleted, list elements duplicated, lists and objects emptied, ids swapped
 * or left dangling, and byte-level corruptions of the file. The same seed gives the same mutants.
 */
final class ScenarioMutator {

    /** A mutant: the file's bytes and what was done to the source, in order. */
    record Mutant(byte[] bytes, List<String> mutations) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Raw JSON texts put in place of a value. */
    static final List<String> HOSTILE = List.of(
            "null", "true", "false", "0", "-1", "1", "2", "0.5", "1.5", "-0.0", "1e400", "-1e400", "1e-400",
            "2147483647", "2147483648", "-2147483648", "9223372036854775807", "9223372036854775808",
            "123456789012345678901234567890", "[]", "{}", "[[]]", "[null]", "\"\"", "\" \"", "\"x\"", "\"0\"",
            "\"-1 s\"", "\"0 s\"", "\"1 ns\"", "\"1e400 Gbit/s\"", "\"1e400 km\"", "\"1e400/s\"", "\"1e-400 s\"",
            "\"1e9999999999 s\"", "\"1 B\"", "\"1 PiB\"", "\"9999 PB\"", "\"0 B\"", "\"NaN s\"", "\"Infinity\"",
            "\"1e18 s\"", "\"1000 h\"", "\"0.1 ns\"", "\"1 Tbit/s\"", "\"1 bit/s\"", "\"1e15/s\"", "\"0/s\"",
            "\"1e-9/s\"", "\"1e9 km\"", "\"1 GiB\"", "\"h\\u00e9llo\"", "\"\\u0000\"", "\"a/b/c\"", "\"/\"",
            "\"prod\"", "\"dr\"", "\"wan\"", "\"r1a\"", "\"r1a/db\"", "\"self\"", "\"spill\"",
            "{\"dist\": \"exponential\", \"mean\": \"0 s\"}", "{\"dist\": \"choice\", \"values\": [], \"weights\": []}",
            "{\"dist\": \"uniform\", \"min\": \"5 s\", \"max\": \"1 s\"}", "{\"dist\": \"erlang\", \"k\": 2147483647, \"mean\": \"1 s\"}",
            "{\"dist\": \"zipf\", \"exponent\": 1e-300}", "{\"kind\": \"closed\", \"streams\": 2147483647}",
            "{\"kind\": \"open\", \"rate\": \"1e12/s\"}", "[\"spill\"]", "[\"drop\", \"pace\"]", "[\"prod\", \"prod\"]");

    /** Numbers put in place of the number of a quantity, keeping its unit. */
    private static final List<String> NUMBERS = List.of("0", "1e300", "1e-300", "0.000001", "123456789",
            "9223372036854775807", "4294967296", "1e19", "3", "0.5");

    private static final Pattern QUANTITY = Pattern.compile("\\s*([0-9.eE+-]+)\\s*(\\S+)\\s*");
    private static final String MARK = "\u0001hostile\u0001";

    private final Random random;

    ScenarioMutator(long seed) {
        this.random = new Random(seed);
    }

    /** One to three mutations of {@code source} (its JSON text). */
    Mutant mutate(String source) throws JsonProcessingException {
        ObjectNode tree = (ObjectNode) JSON.readTree(source);
        List<String> done = new ArrayList<>();
        String raw = null;
        int roll = random.nextInt(10);
        int n = roll < 7 ? 1 : roll < 9 ? 2 : 3;
        for (int i = 0; i < n; i++) {
            int kind = random.nextInt(100);
            if (kind < 35 && raw == null) {
                raw = HOSTILE.get(random.nextInt(HOSTILE.size()));
                String at = replace(tree, new TextNode(MARK));
                done.add("replace " + at + " with " + raw);
            } else if (kind < 42) {
                String at = scale(tree);
                if (at != null) {
                    done.add("scale " + at);
                }
            } else if (kind < 50) {
                String at = quantity(tree);
                if (at != null) {
                    done.add("quantity " + at);
                }
            } else if (kind < 62) {
                String at = delete(tree);
                if (at != null) {
                    done.add("delete " + at);
                }
            } else if (kind < 72) {
                String at = duplicate(tree);
                if (at != null) {
                    done.add("duplicate an element of " + at);
                }
            } else if (kind < 78) {
                String at = empty(tree);
                if (at != null) {
                    done.add("empty " + at);
                }
            } else if (kind < 90) {
                String at = swapId(tree);
                if (at != null) {
                    done.add("id " + at);
                }
            }
        }
        String text = tree.toPrettyString();
        if (raw != null) {
            text = text.replace(JSON.writeValueAsString(MARK), raw);
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (done.isEmpty() || random.nextInt(100) < 5) {
            bytes = corrupt(bytes, done);
        }
        return new Mutant(bytes, List.copyOf(done));
    }

    /** Every node of the tree as {path text, node, steps (keys and indexes)}, parents before children. */
    private static void walk(JsonNode node, String path, List<Object> steps, List<Object[]> out) {
        out.add(new Object[] {path, node, steps});
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
        }
    }

    private List<Object[]> nodes(JsonNode tree) {
        List<Object[]> all = new ArrayList<>();
        walk(tree, "", List.of(), all);
        return all;
    }

    /** Replaces a random non-root value (scalars more often) and returns its path. */
    private String replace(ObjectNode tree, JsonNode value) {
        List<Object[]> all = nodes(tree);
        all.remove(0);
        List<Object[]> scalars = all.stream().filter(o -> ((JsonNode) o[1]).isValueNode()).toList();
        List<Object[]> pool = random.nextInt(4) == 0 || scalars.isEmpty() ? all : scalars;
        Object[] o = pool.get(random.nextInt(pool.size()));
        set(tree, o, value);
        return (String) o[0];
    }

    /** Changes the number of a quantity string, keeping its unit. */
    private String quantity(ObjectNode tree) {
        List<Object[]> quantities = nodes(tree).stream()
                .filter(o -> ((JsonNode) o[1]).isTextual() && QUANTITY.matcher(((JsonNode) o[1]).textValue()).matches())
                .toList();
        if (quantities.isEmpty()) {
            return null;
        }
        Object[] q = quantities.get(random.nextInt(quantities.size()));
        Matcher m = QUANTITY.matcher(((JsonNode) q[1]).textValue());
        m.matches();
        String value = NUMBERS.get(random.nextInt(NUMBERS.size())) + " " + m.group(2);
        set(tree, q, new TextNode(value));
        return q[0] + " = \"" + value + "\"";
    }

    /** Multiplies a number, or the number of a quantity, by a factor between 1/1000 and 10^6 (often still valid). */
    private String scale(ObjectNode tree) {
        List<Object[]> numbers = nodes(tree).stream().filter(o -> ((JsonNode) o[1]).isNumber()
                || ((JsonNode) o[1]).isTextual() && QUANTITY.matcher(((JsonNode) o[1]).textValue()).matches()).toList();
        if (numbers.isEmpty()) {
            return null;
        }
        Object[] o = numbers.get(random.nextInt(numbers.size()));
        double factor = new double[] {0.001, 0.1, 0.5, 2, 10, 1000, 1e6}[random.nextInt(7)];
        JsonNode node = (JsonNode) o[1];
        JsonNode value;
        if (node.isNumber()) {
            double x = node.doubleValue() * factor;
            value = node.isIntegralNumber() && x == Math.rint(x) && Math.abs(x) < 1e15
                    ? com.fasterxml.jackson.databind.node.LongNode.valueOf((long) x)
                    : com.fasterxml.jackson.databind.node.DoubleNode.valueOf(x);
        } else {
            Matcher m = QUANTITY.matcher(node.textValue());
            m.matches();
            double x;
            try {
                x = Double.parseDouble(m.group(1)) * factor;
            } catch (NumberFormatException e) {
                return null;
            }
            value = new TextNode((x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x))
                    + " " + m.group(2));
        }
        set(tree, o, value);
        return o[0] + " × " + factor + " = " + value;
    }

    private String delete(ObjectNode tree) {
        List<Object[]> objects = nodes(tree).stream().filter(o -> ((JsonNode) o[1]).isObject() && ((JsonNode) o[1]).size() > 0).toList();
        Object[] o = objects.get(random.nextInt(objects.size()));
        ObjectNode object = (ObjectNode) o[1];
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        String name = names.get(random.nextInt(names.size()));
        object.remove(name);
        return ((String) o[0]).isEmpty() ? name : o[0] + "." + name;
    }

    private String duplicate(ObjectNode tree) {
        List<Object[]> arrays = nodes(tree).stream().filter(o -> ((JsonNode) o[1]).isArray() && ((JsonNode) o[1]).size() > 0).toList();
        if (arrays.isEmpty()) {
            return null;
        }
        Object[] o = arrays.get(random.nextInt(arrays.size()));
        ArrayNode array = (ArrayNode) o[1];
        array.add(array.get(random.nextInt(array.size())).deepCopy());
        return (String) o[0];
    }

    private String empty(ObjectNode tree) {
        List<Object[]> containers = nodes(tree).stream()
                .filter(o -> ((JsonNode) o[1]).isContainerNode() && ((JsonNode) o[1]).size() > 0 && !((String) o[0]).isEmpty())
                .toList();
        Object[] o = containers.get(random.nextInt(containers.size()));
        if (o[1] instanceof ArrayNode a) {
            a.removeAll();
        } else {
            ((ObjectNode) o[1]).removeAll();
        }
        return (String) o[0];
    }

    /** Replaces a string that names an id (or box/volume) with another id of the file, or a dangling one. */
    private String swapId(ObjectNode tree) {
        Set<String> ids = new LinkedHashSet<>();
        for (Object[] o : nodes(tree)) {
            if (((String) o[0]).endsWith(".id") && ((JsonNode) o[1]).isTextual()) {
                ids.add(((JsonNode) o[1]).textValue());
            }
        }
        List<Object[]> refs = nodes(tree).stream().filter(o -> ((JsonNode) o[1]).isTextual()
                && (ids.contains(((JsonNode) o[1]).textValue()) || ((JsonNode) o[1]).textValue().contains("/"))
                && !((JsonNode) o[1]).textValue().contains(" ")).toList();
        if (refs.isEmpty()) {
            return null;
        }
        Object[] o = refs.get(random.nextInt(refs.size()));
        List<String> choices = new ArrayList<>(ids);
        choices.add("nosuch");
        choices.add("");
        String old = ((JsonNode) o[1]).textValue();
        if (old.contains("/")) {
            for (String id : ids) {
                choices.add(id + old.substring(old.indexOf('/')));
                choices.add(old.substring(0, old.indexOf('/') + 1) + id);
            }
        }
        String value = choices.get(random.nextInt(choices.size()));
        set(tree, o, new TextNode(value));
        return o[0] + " = \"" + value + "\" (was \"" + old + "\")";
    }

    /** Flips, deletes, inserts (including bytes that are not UTF-8) or truncates. */
    private byte[] corrupt(byte[] bytes, List<String> done) {
        int at = random.nextInt(bytes.length);
        switch (random.nextInt(5)) {
            case 0 -> {
                byte[] copy = bytes.clone();
                copy[at] = (byte) random.nextInt(256);
                done.add("byte " + at + " set to 0x" + Integer.toHexString(copy[at] & 0xFF));
                return copy;
            }
            case 1 -> {
                int len = Math.min(bytes.length - at, 1 + random.nextInt(20));
                byte[] copy = new byte[bytes.length - len];
                System.arraycopy(bytes, 0, copy, 0, at);
                System.arraycopy(bytes, at + len, copy, at, bytes.length - at - len);
                done.add("bytes " + at + ".." + (at + len) + " deleted");
                return copy;
            }
            case 2 -> {
                byte[] insert = random.nextBoolean() ? new byte[] {(byte) 0xFF, (byte) 0xFE} : new byte[] {(byte) 0xC3};
                byte[] copy = new byte[bytes.length + insert.length];
                System.arraycopy(bytes, 0, copy, 0, at);
                System.arraycopy(insert, 0, copy, at, insert.length);
                System.arraycopy(bytes, at, copy, at + insert.length, bytes.length - at);
                done.add("bytes that are not UTF-8 inserted at " + at);
                return copy;
            }
            case 3 -> {
                done.add("truncated at byte " + at);
                return java.util.Arrays.copyOf(bytes, at);
            }
            default -> {
                byte[] copy = bytes.clone();
                copy[at] = (byte) "{}[]\",:0\\".charAt(random.nextInt(9));
                done.add("byte " + at + " set to '" + (char) copy[at] + "'");
                return copy;
            }
        }
    }

    /** Sets the value of a node found by {@link #walk}. */
    @SuppressWarnings("unchecked")
    private static void set(ObjectNode tree, Object[] at, JsonNode value) {
        List<Object> steps = (List<Object>) at[2];
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
}
