package org.repsim.scenario.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import org.repsim.scenario.spec.ContextUnit;
import org.repsim.scenario.spec.Default;
import org.repsim.scenario.spec.Doc;
import org.repsim.scenario.spec.Fraction;
import org.repsim.scenario.spec.Keys;
import org.repsim.scenario.spec.Min;
import org.repsim.scenario.spec.NonEmpty;
import org.repsim.scenario.spec.OneOf;
import org.repsim.scenario.spec.OptionalKey;
import org.repsim.scenario.spec.Positive;
import org.repsim.scenario.spec.Quantity;
import org.repsim.scenario.spec.Scenario;
import org.repsim.scenario.spec.SweepVariant;
import org.repsim.scenario.spec.Tuple;
import org.repsim.scenario.spec.Units;

/**
 * The JSON Schema (draft 2020-12) of the scenario format, generated from the spec records and
 * their annotations, so keys, types, ranges and defaults cannot drift from what the loader
 * accepts. Checks that span objects (references, warm-up shorter than duration) are the loader's.
 */
public final class ScenarioSchema {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String ID_PATTERN = "^[A-Za-z0-9_][A-Za-z0-9_.-]*$";

    private final ObjectNode defs = JSON.objectNode();

    private ScenarioSchema() {
    }

    /** The schema as a JSON tree. */
    public static ObjectNode generate() {
        ScenarioSchema g = new ScenarioSchema();
        ObjectNode root = JSON.objectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$id", Scenario.SCHEMA_ID);
        root.put("title", "repsim scenario");
        ObjectNode body = g.object(Scenario.class, null, false);
        ((ObjectNode) body.get("properties")).set("$schema", JSON.objectNode().put("type", "string")
                .put("description", "The schema this file follows (" + Scenario.SCHEMA_ID + ")."));
        variants((ObjectNode) body.get("properties").get("sweep"));
        root.setAll(body);
        root.set("$defs", g.defs);
        return root;
    }

    /** {@code sweep.variants}: named sets of path → value, one sweep point each (docs/scenario-format.md, "Sweeps"). */
    private static void variants(ObjectNode sweep) {
        ObjectNode variant = JSON.objectNode().put("type", "object");
        ObjectNode props = variant.putObject("properties");
        props.putObject("name").put("type", "string").put("pattern", "^[A-Za-z0-9][A-Za-z0-9._-]*$")
                .put("description", "The variant's name: the value of the point's 'variant' parameter (summary.csv column).");
        props.putObject("set").put("type", "object")
                .put("description", "Scenario path (as in sweep) → value as written in the file; every path the variant changes.");
        variant.set("required", JSON.arrayNode().add("name").add("set"));
        variant.put("additionalProperties", false);
        sweep.putObject("properties").set(SweepVariant.SWEEP_KEY, JSON.objectNode().put("type", "array").put("minItems", 1)
                .put("description", "Named variants, one sweep axis: a point per variant, crossed with the other swept paths.")
                .set("items", variant));
    }

    /** The schema as indented text. */
    public static String text() {
        return Scenarios.toText(generate());
    }

    private JsonNode component(Type type, RecordComponent c, Units.Kind context, boolean element) {
        Class<?> raw = Keys.raw(type);
        Units.Kind kind = c.getAnnotation(Quantity.class) != null ? c.getAnnotation(Quantity.class).value()
                : c.getAnnotation(ContextUnit.class) != null ? context : null;
        ObjectNode s = JSON.objectNode();
        if (!element) {
            describe(s, c);
        }
        if ((raw == long.class || raw == Long.class || raw == double.class || raw == Double.class) && kind != null) {
            s.put("type", "string");
            s.put("pattern", Units.pattern(kind));
            s.set("examples", JSON.arrayNode().add(kind.example()));
        } else if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
            s.put("type", "integer");
            range(s, c);
        } else if (raw == double.class || raw == Double.class) {
            s.put("type", "number");
            range(s, c);
        } else if (raw == boolean.class || raw == Boolean.class) {
            s.put("type", "boolean");
        } else if (raw == String.class) {
            s.put("type", "string");
            OneOf oneOf = c.getAnnotation(OneOf.class);
            if (oneOf != null) {
                ArrayNode values = s.putArray("enum");
                for (String v : oneOf.value()) {
                    values.add(v);
                }
            }
            if (c.getName().equals("id")) {
                s.put("pattern", ID_PATTERN);
            }
        } else if (List.class.isAssignableFrom(raw)) {
            s.put("type", "array");
            if (c.getAnnotation(NonEmpty.class) != null) {
                s.put("minItems", 1);
            }
            s.set("items", component(Keys.argument(type, 0), c, context, true));
        } else if (Map.class.isAssignableFrom(raw)) {
            s.put("type", "object");
            Type value = Keys.argument(type, 1);
            s.set("additionalProperties", value == String.class ? JSON.objectNode().put("type", "string")
                    : JSON.objectNode().put("type", "array").put("minItems", 1));
        } else if (Keys.isVariantFamily(raw) || raw.isRecord()) {
            s.put("$ref", "#/$defs/" + define(raw, kind, element));
        } else {
            throw new IllegalStateException("unsupported spec type " + type);
        }
        return s;
    }

    private static void describe(ObjectNode s, RecordComponent c) {
        Doc doc = c.getAnnotation(Doc.class);
        if (doc != null) {
            s.put("description", doc.value());
        }
        Default d = c.getAnnotation(Default.class);
        if (d != null) {
            s.set("default", Binder.defaultNode(d).deepCopy());
        }
    }

    private static void range(ObjectNode s, RecordComponent c) {
        if (c.getAnnotation(Fraction.class) != null) {
            s.put("minimum", 0);
            s.put("maximum", 1);
        } else if (c.getAnnotation(Min.class) != null) {
            s.put("minimum", c.getAnnotation(Min.class).value());
        } else if (c.getAnnotation(Positive.class) == null) {
            s.put("minimum", 0);
        }
        if (c.getAnnotation(Positive.class) != null) {
            s.put("exclusiveMinimum", 0);
        }
    }

    /** Adds a definition for a record or family (once) and returns its name. */
    private String define(Class<?> type, Units.Kind context, boolean listElement) {
        String name = type.getSimpleName() + (Keys.isVariantFamily(type) && context != null
                ? "-" + context.name().toLowerCase(java.util.Locale.ROOT) : "");
        if (defs.has(name)) {
            return name;
        }
        defs.putObject(name);
        JsonNode schema = Keys.isVariantFamily(type) ? family(type, context) : object(type, context, listElement);
        defs.set(name, schema);
        return name;
    }

    private ObjectNode family(Class<?> family, Units.Kind context) {
        ObjectNode s = JSON.objectNode();
        Doc doc = family.getAnnotation(Doc.class);
        if (doc != null) {
            s.put("description", doc.value());
        }
        ArrayNode oneOf = s.putArray("oneOf");
        Class<?> shorthand = Keys.shorthand(family);
        if (shorthand != null) {
            RecordComponent only = shorthand.getRecordComponents()[0];
            oneOf.add(component(only.getGenericType(), only, context, true));
        }
        String disc = Keys.discriminator(family);
        for (Map.Entry<String, Class<?>> v : Keys.variants(family).entrySet()) {
            ObjectNode variant = object(v.getValue(), context, false);
            ((ObjectNode) variant.get("properties")).set(disc, JSON.objectNode().put("const", v.getKey()));
            ((ArrayNode) variant.get("required")).insert(0, disc);
            oneOf.add(variant);
        }
        return s;
    }

    private ObjectNode object(Class<?> type, Units.Kind context, boolean listElement) {
        ObjectNode s = JSON.objectNode();
        Doc doc = type.getAnnotation(Doc.class);
        if (doc != null) {
            s.put("description", doc.value());
        }
        if (type.getAnnotation(Tuple.class) != null) {
            RecordComponent[] cs = type.getRecordComponents();
            s.put("type", "array");
            ArrayNode prefix = s.putArray("prefixItems");
            for (RecordComponent c : cs) {
                prefix.add(component(c.getGenericType(), c, context, false));
            }
            s.put("minItems", cs.length);
            s.put("maxItems", cs.length);
            return s;
        }
        s.put("type", "object");
        ObjectNode properties = s.putObject("properties");
        ArrayNode required = JSON.arrayNode();
        for (RecordComponent c : type.getRecordComponents()) {
            String key = Keys.key(c);
            properties.set(key, component(c.getGenericType(), c, context, false));
            if (c.getAnnotation(Default.class) == null && c.getAnnotation(OptionalKey.class) == null) {
                required.add(key);
            }
        }
        s.put("additionalProperties", false);
        if (listElement) {
            // "like" copies an earlier element of the same list, so the keys it inherits may be left out
            properties.putObject("like").put("type", "string")
                    .put("description", "Id of an earlier element of this list to copy; the keys given here are merged over the copy.");
            s.putObject("if").set("required", JSON.arrayNode().add("like"));
            s.putObject("then").set("required", properties.has("id") ? JSON.arrayNode().add("id") : JSON.arrayNode());
            s.putObject("else").set("required", required);
        } else {
            s.set("required", required);
        }
        return s;
    }
}
