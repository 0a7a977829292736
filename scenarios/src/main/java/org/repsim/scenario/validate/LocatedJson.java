package org.repsim.scenario.validate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.repsim.scenario.spec.Problem;
import org.repsim.scenario.spec.ScenarioException;

/** A JSON tree read with the line and column of every value, keyed by JSON path. */
final class LocatedJson {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(false);

    private final JsonNode root;
    private final Map<String, int[]> locations;

    private LocatedJson(JsonNode root, Map<String, int[]> locations) {
        this.root = root;
        this.locations = locations;
    }

    JsonNode root() {
        return root;
    }

    /** Path → {line, column}, both 1-based. */
    Map<String, int[]> locations() {
        return locations;
    }

    /**
     * Parses JSON text.
     *
     * @throws ScenarioException if the text is not one JSON value or repeats a key in an object
     */
    static LocatedJson parse(String text, String source) throws ScenarioException {
        Map<String, int[]> locations = new HashMap<>();
        Problems problems = new Problems(locations);
        try (JsonParser p = FACTORY.createParser(text)) {
            if (p.nextToken() == null) {
                throw new ScenarioException(source, List.of(new Problem("", 0, 0, "the file is empty; a scenario is a JSON object")));
            }
            JsonNode root = read(p, "", locations, problems);
            JsonToken extra = p.nextToken();
            if (extra != null) {
                JsonLocation at = p.currentTokenLocation();
                problems.add(new Problem("", at.getLineNr(), at.getColumnNr(),
                        "not JSON: unexpected content after the end of the scenario object"));
            }
            if (!problems.isEmpty()) {
                throw new ScenarioException(source, problems.list());
            }
            return new LocatedJson(root, locations);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new ScenarioException(source, List.of(new Problem("", at == null ? 0 : at.getLineNr(),
                    at == null ? 0 : JsonSyntax.column(e.getOriginalMessage(), at.getColumnNr()),
                    "not JSON: " + JsonSyntax.plain(e.getOriginalMessage()))));
        } catch (IOException e) {
            throw new ScenarioException(source, List.of(new Problem("", 0, 0, "cannot read: " + e.getMessage())));
        }
    }

    private static JsonNode read(JsonParser p, String path, Map<String, int[]> locations, Problems problems)
            throws IOException {
        JsonLocation at = p.currentTokenLocation();
        locations.put(path, new int[] {at.getLineNr(), at.getColumnNr()});
        JsonToken token = p.currentToken();
        switch (token) {
            case START_OBJECT: {
                ObjectNode object = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    String childPath = JsonPaths.key(path, name);
                    if (object.has(name)) {
                        JsonLocation dup = p.currentTokenLocation();
                        problems.add(new Problem(childPath, dup.getLineNr(), dup.getColumnNr(),
                                "key '" + name + "' appears twice in the same object"));
                    }
                    object.set(name, read(p, childPath, locations, problems));
                }
                return object;
            }
            case START_ARRAY: {
                ArrayNode array = NODES.arrayNode();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    array.add(read(p, JsonPaths.index(path, i++), locations, problems));
                }
                return array;
            }
            case VALUE_STRING:
                return NODES.textNode(p.getText());
            case VALUE_NUMBER_INT:
                return p.getNumberType() == JsonParser.NumberType.INT ? NODES.numberNode(p.getIntValue())
                        : p.getNumberType() == JsonParser.NumberType.LONG ? NODES.numberNode(p.getLongValue())
                        : NODES.numberNode(p.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw new IllegalStateException("unexpected JSON token " + token);
        }
    }
}
