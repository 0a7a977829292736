package org.repsim.scenario.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;

/**
 * Writes a resolved {@link Scenario} back in the scenario format: every key written out,
 * quantities formatted with the unit that gives the smallest exact number, except rates stated in
 * bits per second (link bandwidths, port speeds: {@link Quantity#bits}), which are written in
 * bit/s multiples. The text is canonical, a function of the values alone and not of how the file
 * wrote them ("75 MB/s" and "600 Mbit/s" give the same text), so runs that compare resolved
 * scenarios (resume, shards, merge) agree however a value of the scenario itself was written.
 * Not so for swept values: the {@code sweep} block is written back with its values as the file
 * wrote them (and {@code run.json}'s points keep that text too), so a sweep over
 * {@code "75 MB/s"} and one over {@code "600 Mbit/s"} are different runs to resume, shards and
 * merge. Reading the result gives an equal scenario.
 */
final class ResolvedWriter {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ResolvedWriter() {
    }

    static ObjectNode write(Scenario scenario) {
        ObjectNode root = JSON.objectNode();
        root.put("$schema", Scenario.SCHEMA_ID);
        root.setAll(record(scenario, null));
        return root;
    }

    private static ObjectNode record(Object record, Units.Kind context) {
        ObjectNode node = JSON.objectNode();
        Class<?> type = record.getClass();
        for (Class<?> family : type.getInterfaces()) {
            if (Keys.isVariantFamily(family)) {
                node.put(Keys.discriminator(family), type.getAnnotation(Variant.class).value());
            }
        }
        for (RecordComponent c : type.getRecordComponents()) {
            Object value = get(c, record);
            if (value != null) {
                node.set(Keys.key(c), value(value, c, context));
            }
        }
        return node;
    }

    private static JsonNode value(Object value, RecordComponent c, Units.Kind context) {
        Quantity q = c.getAnnotation(Quantity.class);
        if (q != null && q.bits() && value instanceof Number n) {
            // link and port rates are stated in bits per second: 600 Mbit/s, not 75 MB/s
            return JSON.textNode(Units.formatBits(n.doubleValue()));
        }
        Units.Kind kind = q != null ? q.value() : c.getAnnotation(ContextUnit.class) != null ? context : null;
        return value(value, kind);
    }

    private static JsonNode value(Object value, Units.Kind kind) {
        if (value instanceof Record r) {
            if (r.getClass().getAnnotation(Tuple.class) != null) {
                ArrayNode array = JSON.arrayNode();
                for (RecordComponent c : r.getClass().getRecordComponents()) {
                    array.add(value(get(c, r), c, kind));
                }
                return array;
            }
            return record(r, kind);
        }
        if (value instanceof List<?> list) {
            ArrayNode array = JSON.arrayNode();
            for (Object element : list) {
                array.add(value(element, kind));
            }
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = JSON.objectNode();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                object.set(e.getKey().toString(), value(e.getValue(), kind));
            }
            return object;
        }
        if (value instanceof JsonNode json) {
            return json.deepCopy();
        }
        if (kind != null && (value instanceof Long || value instanceof Integer)) {
            return JSON.textNode(Units.format(kind, ((Number) value).longValue()));
        }
        if (kind != null && value instanceof Number n) {
            return JSON.textNode(Units.format(kind, n.doubleValue()));
        }
        if (value instanceof Integer i) {
            return JSON.numberNode(i);
        }
        if (value instanceof Long l) {
            return JSON.numberNode(l);
        }
        if (value instanceof Double d) {
            return JSON.numberNode(d);
        }
        if (value instanceof Boolean b) {
            return JSON.booleanNode(b);
        }
        return JSON.textNode(value.toString());
    }

    private static Object get(RecordComponent c, Object record) {
        try {
            return c.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + c, e);
        }
    }
}
