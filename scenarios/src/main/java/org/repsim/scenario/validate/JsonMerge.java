package org.repsim.scenario.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Deep merge used by {@code like} and by object defaults: objects merge key by key, anything
 * else (scalars, lists) is replaced. Two objects of different kinds (a different "dist" or
 * "kind") are replaced, not merged: their keys mean different things.
 */
final class JsonMerge {

    private static final String[] DISCRIMINATORS = {"dist", "kind"};

    private JsonMerge() {
    }

    static JsonNode merge(JsonNode base, JsonNode override) {
        if (base == null || !base.isObject() || !override.isObject() || differentKind(base, override)) {
            return override.deepCopy();
        }
        ObjectNode result = ((ObjectNode) base).deepCopy();
        Iterator<Map.Entry<String, JsonNode>> fields = override.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            result.set(f.getKey(), merge(result.get(f.getKey()), f.getValue()));
        }
        return result;
    }

    private static boolean differentKind(JsonNode base, JsonNode override) {
        for (String d : DISCRIMINATORS) {
            JsonNode a = base.get(d);
            JsonNode b = override.get(d);
            if (a != null && b != null && !a.equals(b)) {
                return true;
            }
        }
        return false;
    }
}
