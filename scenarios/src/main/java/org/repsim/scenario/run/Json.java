package org.repsim.scenario.run;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/**
 * The result files' JSON, written and read by Jackson databind from records. Output is
 * pretty-printed with two-space indents, arrays on one line, {@code "key": value} spacing and
 * {@code \n} line ends on every platform, with a final line end; record components in their
 * declared order and maps in their iteration order (writers pass sorted maps), so the bytes
 * depend on the values only. Doubles are written as {@link Numbers#format} prints them, NaN and
 * ±Infinity as {@code null}, which reads back as NaN. Unknown fields are ignored when reading; a
 * missing one is an error naming it.
 */
final class Json {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .addModule(new SimpleModule("result-numbers")
                    .addSerializer(Double.class, new DoubleText())
                    .addSerializer(double.class, new DoubleText())
                    .addDeserializer(Double.class, new NullAsNaN())
                    .addDeserializer(double.class, new NullAsNaN()))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .build();
    /** The same, reading a missing field as null: for the optional parts of a file. */
    private static final JsonMapper OPTIONAL_FIELDS = MAPPER.rebuild()
            .disable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .build();
    // objects one entry per line; arrays on one line ("[ a, b ]", Jackson's default)
    private static final ObjectWriter WRITER = MAPPER.writer(new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n")));

    private Json() {
    }

    /** The text of {@code value} with a final line end. */
    static String write(Object value) {
        try {
            return WRITER.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a result record cannot fail to serialize", e);
        }
    }

    /** Reads {@code text} as a {@code type}; an error names what is wrong (a missing field, a wrong type). */
    static <T> T read(String text, Class<T> type) throws IOException {
        try {
            return MAPPER.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IOException(e.getOriginalMessage(), e);
        }
    }

    /** Reads {@code text} as a {@code type} whose fields are all optional: a missing one is null. */
    static <T> T readOptional(String text, Class<T> type) throws IOException {
        try {
            return OPTIONAL_FIELDS.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IOException(e.getOriginalMessage(), e);
        }
    }

    /** A finite double as {@link Numbers#format}; NaN and ±Infinity as {@code null}. */
    private static final class DoubleText extends JsonSerializer<Double> {
        @Override
        public void serialize(Double value, JsonGenerator g, SerializerProvider provider) throws IOException {
            if (Double.isFinite(value)) {
                g.writeNumber(Numbers.format(value));
            } else {
                g.writeNull();
            }
        }
    }

    /** A number; {@code null} reads as NaN. */
    private static final class NullAsNaN extends JsonDeserializer<Double> {
        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.currentToken().isNumeric()) {
                return (Double) ctxt.handleUnexpectedToken(Double.class, p);
            }
            return p.getDoubleValue();
        }

        @Override
        public Double getNullValue(DeserializationContext ctxt) {
            return Double.NaN;
        }
    }
}
