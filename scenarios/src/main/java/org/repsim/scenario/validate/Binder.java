package org.repsim.scenario.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.repsim.scenario.spec.ContextUnit;
import org.repsim.scenario.spec.Default;
import org.repsim.scenario.spec.Distribution;
import org.repsim.scenario.spec.Fraction;
import org.repsim.scenario.spec.Keys;
import org.repsim.scenario.spec.Min;
import org.repsim.scenario.spec.NonEmpty;
import org.repsim.scenario.spec.OneOf;
import org.repsim.scenario.spec.OptionalKey;
import org.repsim.scenario.spec.Positive;
import org.repsim.scenario.spec.Quantity;
import org.repsim.scenario.spec.Scenario;
import org.repsim.scenario.spec.Tuple;
import org.repsim.scenario.spec.Units;

/**
 * Turns a scenario tree into spec records, driven by the records' components and annotations:
 * fills defaults, parses quantities, checks types, ranges and unknown keys. It never stops at
 * the first problem: a wrong value is reported and replaced by a neutral one so that binding
 * (and the cross-reference checks after it) go on.
 */
final class Binder {

    /** Ids are used in paths ({@code links[wan]}) and references ({@code r1a/db}). */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, JsonNode> DEFAULTS = new ConcurrentHashMap<>();

    private final Problems problems;

    Binder(Problems problems) {
        this.problems = problems;
    }

    Scenario bind(JsonNode root) {
        if (!root.isObject()) {
            problems.add("", "a scenario is a JSON object { ... }, found " + describe(root));
            return null;
        }
        return (Scenario) bindRecord(Scenario.class, root, "", null, Set.of("$schema"));
    }

    /** The default of a component as a JSON tree. */
    static JsonNode defaultNode(Default d) {
        return DEFAULTS.computeIfAbsent(d.value(), text -> {
            try {
                return MAPPER.readTree(text);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("bad @Default " + text, e);
            }
        });
    }

    private Object bindRecord(Class<?> type, JsonNode node, String path, Units.Kind context, Set<String> extraKeys) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        if (type.getAnnotation(Tuple.class) != null) {
            if (!node.isArray() || node.size() != components.length) {
                problems.add(path, "expected a list of " + components.length + " values "
                        + tupleKeys(components) + ", found " + describe(node));
                return fallback(type);
            }
            for (int i = 0; i < components.length; i++) {
                args[i] = bindValue(components[i].getGenericType(), components[i], node.get(i),
                        JsonPaths.index(path, i), context);
            }
            return construct(type, args);
        }
        if (!node.isObject()) {
            problems.add(path, "expected an object { ... }, found " + describe(node));
            return fallback(type);
        }
        Map<String, RecordComponent> byKey = Keys.components(type);
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!byKey.containsKey(name) && !extraKeys.contains(name)) {
                problems.add(JsonPaths.key(path, name), "unknown key '" + name + "'" + Keys.didYouMean(name, byKey.keySet())
                        + "; accepted keys: " + String.join(", ", byKey.keySet()));
            }
        }
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            String key = Keys.key(c);
            args[i] = bindComponent(c, node.get(key), JsonPaths.key(path, key), path, context);
        }
        Object record = construct(type, args);
        checkRecord(record, path);
        return record;
    }

    private Object bindComponent(RecordComponent c, JsonNode given, String path, String parentPath, Units.Kind context) {
        Default d = c.getAnnotation(Default.class);
        JsonNode value = given;
        if (value == null || value.isNull()) {
            if (d != null) {
                value = defaultNode(d);
            } else if (c.getAnnotation(OptionalKey.class) != null) {
                return null;
            } else {
                problems.add(parentPath, "missing required key '" + Keys.key(c) + "'" + example(c));
                return fallback(c.getGenericType());
            }
        } else if (d != null && value.isObject() && Keys.raw(c.getGenericType()).isRecord()) {
            value = JsonMerge.merge(defaultNode(d), value);
        }
        return bindValue(c.getGenericType(), c, value, path, context);
    }

    private Object bindValue(Type type, RecordComponent c, JsonNode v, String path, Units.Kind context) {
        Class<?> raw = Keys.raw(type);
        Units.Kind kind = c.getAnnotation(Quantity.class) != null ? c.getAnnotation(Quantity.class).value()
                : c.getAnnotation(ContextUnit.class) != null ? context : null;
        if (raw == int.class || raw == Integer.class) {
            Long n = wholeNumber(v, path, Integer.MIN_VALUE, Integer.MAX_VALUE);
            return n == null ? 0 : (int) (long) checkNumber(n, c, path);
        }
        if (raw == long.class || raw == Long.class) {
            if (kind != null) {
                String text = quantityText(v, kind, path);
                if (text == null) {
                    return 0L;
                }
                try {
                    long value = kind == Units.Kind.SIZE ? Units.bytes(text) : Units.nanos(text);
                    checkQuantity(value, c, kind, path);
                    return value;
                } catch (IllegalArgumentException e) {
                    problems.add(path, e.getMessage());
                    return 0L;
                }
            }
            Long n = wholeNumber(v, path, Long.MIN_VALUE, Long.MAX_VALUE);
            return n == null ? 0L : (long) checkNumber(n, c, path);
        }
        if (raw == double.class || raw == Double.class) {
            if (kind != null) {
                String text = quantityText(v, kind, path);
                if (text == null) {
                    return 0.0;
                }
                try {
                    double value = Units.baseValue(kind, text);
                    checkQuantity(value, c, kind, path);
                    return value;
                } catch (IllegalArgumentException e) {
                    problems.add(path, e.getMessage());
                    return 0.0;
                }
            }
            if (!v.isNumber()) {
                problems.add(path, "expected a plain number, found " + describe(v));
                return 0.0;
            }
            if (!Double.isFinite(v.doubleValue())) {
                problems.add(path, "the number is too large: it must be finite (below 1e300)");
                return 0.0;
            }
            return checkNumber(v.doubleValue(), c, path);
        }
        if (raw == boolean.class || raw == Boolean.class) {
            if (!v.isBoolean()) {
                problems.add(path, "expected true or false, found " + describe(v));
                return false;
            }
            return v.booleanValue();
        }
        if (raw == String.class) {
            return string(v, c, path);
        }
        if (raw == JsonNode.class) {
            return v;
        }
        if (List.class.isAssignableFrom(raw)) {
            return list(type, c, v, path, context);
        }
        if (Map.class.isAssignableFrom(raw)) {
            return map(type, v, path);
        }
        if (Keys.isVariantFamily(raw)) {
            return bindFamily(raw, v, path, kind);
        }
        if (raw.isRecord()) {
            return bindRecord(raw, v, path, kind, Set.of());
        }
        throw new IllegalStateException("unsupported spec type " + type);
    }

    private String string(JsonNode v, RecordComponent c, String path) {
        if (!v.isTextual()) {
            problems.add(path, "expected a string, found " + describe(v));
            return "";
        }
        String s = v.textValue();
        OneOf oneOf = c.getAnnotation(OneOf.class);
        if (oneOf != null && !Arrays.asList(oneOf.value()).contains(s)) {
            problems.add(path, "'" + s + "' is not one of " + String.join(", ", oneOf.value())
                    + Keys.didYouMean(s, Arrays.asList(oneOf.value())));
        }
        if (c.getName().equals("id") && !ID.matcher(s).matches()) {
            problems.add(path, "id '" + s + "' must be letters, digits, '_', '-' or '.' (not starting with '-' or '.')");
        }
        return s;
    }

    private List<Object> list(Type type, RecordComponent c, JsonNode v, String path, Units.Kind context) {
        if (!v.isArray()) {
            problems.add(path, "expected a list [ ... ], found " + describe(v));
            return List.of();
        }
        if (c.getAnnotation(NonEmpty.class) != null && v.isEmpty()) {
            problems.add(path, "must not be empty");
        }
        Type element = Keys.argument(type, 0);
        List<Object> result = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            Object e = bindValue(element, c, v.get(i), JsonPaths.index(path, i), context);
            if (e != null) {
                result.add(e);
            }
        }
        return result;
    }

    private Map<String, Object> map(Type type, JsonNode v, String path) {
        if (!v.isObject()) {
            problems.add(path, "expected an object { ... }, found " + describe(v));
            return Map.of();
        }
        Type valueType = Keys.argument(type, 1);
        Map<String, Object> result = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = v.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String p = JsonPaths.key(path, f.getKey());
            JsonNode value = f.getValue();
            if (valueType == String.class) {
                if (!value.isTextual()) {
                    problems.add(p, "expected a string, found " + describe(value));
                } else {
                    result.put(f.getKey(), value.textValue());
                }
            } else {
                // sweep: path → non-empty list of values as written
                if (!value.isArray() || value.isEmpty()) {
                    problems.add(p, "expected a non-empty list of values, found " + describe(value));
                } else {
                    List<JsonNode> values = new ArrayList<>();
                    value.forEach(values::add);
                    result.put(f.getKey(), values);
                }
            }
        }
        return result;
    }

    private Object bindFamily(Class<?> family, JsonNode v, String path, Units.Kind context) {
        Map<String, Class<?>> variants = Keys.variants(family);
        String disc = Keys.discriminator(family);
        if (!v.isObject()) {
            Class<?> shorthand = Keys.shorthand(family);
            if (shorthand != null && (v.isTextual() || v.isNumber())) {
                RecordComponent only = shorthand.getRecordComponents()[0];
                Object value = bindValue(only.getGenericType(), only, v, path, context);
                return construct(shorthand, new Object[] {value});
            }
            problems.add(path, "expected an object with \"" + disc + "\": " + String.join("|", variants.keySet())
                    + (shorthand != null && context != null ? " or a plain " + context.noun() + " such as \"" + context.example() + "\"" : "")
                    + ", found " + describe(v));
            return null;
        }
        JsonNode d = v.get(disc);
        if (d == null || !d.isTextual()) {
            problems.add(d == null ? path : JsonPaths.key(path, disc), "missing \"" + disc + "\": one of "
                    + String.join(", ", variants.keySet()));
            return null;
        }
        Class<?> variant = variants.get(d.textValue());
        if (variant == null) {
            problems.add(JsonPaths.key(path, disc), "unknown " + disc + " '" + d.textValue() + "'; one of "
                    + String.join(", ", variants.keySet()) + Keys.didYouMean(d.textValue(), variants.keySet()));
            return null;
        }
        ObjectNode rest = ((ObjectNode) v).deepCopy();
        rest.remove(disc);
        return bindRecord(variant, rest, path, context, Set.of());
    }

    /** Checks that span several components of one record. */
    private void checkRecord(Object record, String path) {
        if (record instanceof Distribution.Uniform u && u.min() > u.max()) {
            problems.add(JsonPaths.key(path, "max"), "uniform max must not be below min");
        }
        if (record instanceof Distribution.Choice ch) {
            if (ch.values().size() != ch.weights().size()) {
                problems.add(JsonPaths.key(path, "weights"), "choice has " + ch.values().size() + " values but "
                        + ch.weights().size() + " weights; give one weight per value");
            } else if (!ch.weights().isEmpty() && ch.weights().stream().mapToDouble(Double::doubleValue).sum() <= 0) {
                problems.add(JsonPaths.key(path, "weights"), "weights must not all be zero");
            }
        }
    }

    private String quantityText(JsonNode v, Units.Kind kind, String path) {
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isNumber()) {
            problems.add(path, v + " has no unit: a " + kind.noun() + " is written with one, e.g. \""
                    + kind.example() + "\" (units: " + Units.unitList(kind) + ")");
            return null;
        }
        problems.add(path, "expected a " + kind.noun() + " such as \"" + kind.example() + "\", found " + describe(v));
        return null;
    }

    private Long wholeNumber(JsonNode v, String path, long min, long max) {
        if (v.isTextual()) {
            problems.add(path, "expected a plain whole number, found \"" + v.textValue() + "\" (counts have no unit)");
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < min || v.longValue() > max) {
            problems.add(path, "expected a whole number, found " + describe(v));
            return null;
        }
        return v.longValue();
    }

    private <N extends Number> N checkNumber(N n, RecordComponent c, String path) {
        double x = n.doubleValue();
        if (c.getAnnotation(Fraction.class) != null && (x < 0 || x > 1)) {
            problems.add(path, "must be a fraction between 0 and 1, found " + n);
        } else if (c.getAnnotation(Positive.class) != null && x <= 0) {
            problems.add(path, "must be greater than zero, found " + n);
        } else if (c.getAnnotation(Min.class) != null && x < c.getAnnotation(Min.class).value()) {
            problems.add(path, "must be at least " + plain(c.getAnnotation(Min.class).value()) + ", found " + n);
        } else if (x < 0) {
            problems.add(path, "must not be negative, found " + n);
        }
        return n;
    }

    private void checkQuantity(double value, RecordComponent c, Units.Kind kind, String path) {
        if (c.getAnnotation(Positive.class) != null && value <= 0) {
            problems.add(path, "must be greater than zero, e.g. \"" + kind.example() + "\"");
        }
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static String example(RecordComponent c) {
        Quantity q = c.getAnnotation(Quantity.class);
        return q == null ? "" : " (a " + q.value().noun() + ", e.g. \"" + q.value().example() + "\")";
    }

    private static String tupleKeys(RecordComponent[] components) {
        List<String> keys = new ArrayList<>();
        for (RecordComponent c : components) {
            keys.add(Keys.key(c));
        }
        return "[" + String.join(", ", keys) + "]";
    }

    static String describe(JsonNode v) {
        if (v.isTextual()) {
            return "\"" + v.textValue() + "\"";
        }
        if (v.isObject()) {
            return "an object";
        }
        if (v.isArray()) {
            return "a list";
        }
        return v.toString();
    }

    /** A neutral value standing in for one that could not be read. */
    static Object fallback(Type type) {
        Class<?> raw = Keys.raw(type);
        if (raw == int.class || raw == Integer.class) {
            return 0;
        }
        if (raw == long.class || raw == Long.class) {
            return 0L;
        }
        if (raw == double.class || raw == Double.class) {
            return 0.0;
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return false;
        }
        if (raw == String.class) {
            return "";
        }
        if (List.class.isAssignableFrom(raw)) {
            return List.of();
        }
        if (Map.class.isAssignableFrom(raw)) {
            return Map.of();
        }
        if (raw.isRecord()) {
            RecordComponent[] components = raw.getRecordComponents();
            Object[] args = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                args[i] = fallback(components[i].getGenericType());
            }
            return construct(raw, args);
        }
        return null;
    }

    static Object construct(Class<?> type, Object[] args) {
        try {
            Class<?>[] types = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType).toArray(Class<?>[]::new);
            Constructor<?> constructor = type.getDeclaredConstructor(types);
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName() + ": " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
        }
    }
}
