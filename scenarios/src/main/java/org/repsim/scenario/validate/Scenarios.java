package org.repsim.scenario.validate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import org.repsim.scenario.spec.Scenario;
import org.repsim.scenario.spec.ScenarioException;

/** Entry points: load and validate a scenario in one call. */
public final class Scenarios {

    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .setDefaultPrettyPrinter(new DefaultPrettyPrinter(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
                    .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE));

    private Scenarios() {
    }

    /** Reads, validates and resolves a scenario file. */
    public static Scenario load(Path file) throws ScenarioException {
        return ScenarioSource.read(file).resolve();
    }

    /** Validates and resolves scenario text; {@code sourceName} names it in messages. */
    public static Scenario parse(String json, String sourceName) throws ScenarioException {
        return ScenarioSource.parse(json, sourceName).resolve();
    }

    /** Indented JSON text (two spaces, keys in order), ending with a newline. */
    public static String toText(JsonNode json) {
        try {
            return PRETTY.writeValueAsString(json) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
