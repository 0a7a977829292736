package org.repsim.scenario.run;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON writing and reading for result files. Output is pretty-printed with two-space indents, arrays on one line,
 * {@code "key": value} spacing and {@code \n} line ends on every platform; keys are written in
 * the fixed order each writer chooses (maps are sorted before writing), so the bytes depend on
 * the values only. Doubles go through {@link Numbers}.
 */
final class Json {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    private Json() {
    }

    @FunctionalInterface
    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    /** Runs {@code body} on a generator and returns the text with a final line end. */
    static String write(Body body) {
        StringWriter out = new StringWriter();
        // objects one entry per line; arrays on one line ("[ a, b ]", Jackson's default)
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(new DefaultIndenter("  ", "\n"));
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.setPrettyPrinter(printer);
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.append('\n').toString();
    }

    /** A number, or {@code null} for NaN and ±Infinity. */
    static void number(JsonGenerator g, String field, double value) throws IOException {
        g.writeFieldName(field);
        if (Double.isFinite(value)) {
            g.writeNumber(Numbers.format(value));
        } else {
            g.writeNull();
        }
    }

    static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    static void stringMap(JsonGenerator g, String field, Map<String, String> values) throws IOException {
        g.writeObjectFieldStart(field);
        for (Map.Entry<String, String> e : values.entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    static JsonNode read(String text) throws IOException {
        return MAPPER.readTree(text);
    }

    /** A required field; a missing one is reported by name. */
    static JsonNode field(JsonNode node, String name) throws IOException {
        JsonNode v = node.get(name);
        if (v == null) {
            throw new IOException("missing field \"" + name + "\"");
        }
        return v;
    }

    /** A number field; {@code null} reads as NaN. */
    static double number(JsonNode node, String name) throws IOException {
        JsonNode v = field(node, name);
        if (v.isNull()) {
            return Double.NaN;
        }
        if (!v.isNumber()) {
            throw new IOException("field \"" + name + "\" is not a number");
        }
        return v.doubleValue();
    }

    static List<String> strings(JsonNode node, String name) throws IOException {
        List<String> out = new ArrayList<>();
        for (JsonNode v : field(node, name)) {
            out.add(v.asText());
        }
        return out;
    }

    static LinkedHashMap<String, String> stringMap(JsonNode node, String name) throws IOException {
        LinkedHashMap<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : field(node, name).properties()) {
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }
}
