package org.repsim.scenario.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.repsim.scenario.spec.Keys;

/**
 * Expands {@code "like": "id"} in list elements: the element becomes a deep copy of the earlier
 * element of the same list with that id, with the element's own keys merged over it
 * ({@link JsonMerge}). Only earlier elements can be copied, so chains resolve in file order.
 */
final class Likes {

    private Likes() {
    }

    /**
     * Expands every "like" in the tree and returns, for each element that copied another, its
     * path → the path of the element it copied (e.g. boxes[1] → boxes[0]).
     */
    static Map<String, String> expand(JsonNode node, Problems problems) {
        Map<String, String> copies = new java.util.LinkedHashMap<>();
        expand(node, "", problems, copies);
        return copies;
    }

    private static void expand(JsonNode node, String path, Problems problems, Map<String, String> copies) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                expand(f.getValue(), JsonPaths.key(path, f.getKey()), problems, copies);
            }
        } else if (node.isArray()) {
            ArrayNode array = (ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                String elementPath = JsonPaths.index(path, i);
                JsonNode element = array.get(i);
                if (element.isObject() && element.has("like")) {
                    array.set(i, copy(array, i, (ObjectNode) element, path, problems, copies));
                }
                expand(array.get(i), elementPath, problems, copies);
            }
        }
    }

    private static JsonNode copy(ArrayNode array, int i, ObjectNode element, String listPath, Problems problems,
                                 Map<String, String> copies) {
        String path = JsonPaths.index(listPath, i);
        ObjectNode own = element.deepCopy();
        JsonNode like = own.remove("like");
        String likePath = JsonPaths.key(path, "like");
        if (!like.isTextual()) {
            problems.add(likePath, "'like' takes the id of an earlier element of the same list, found " + Binder.describe(like));
            return own;
        }
        String id = like.textValue();
        List<String> earlier = new ArrayList<>();
        for (int j = 0; j < array.size(); j++) {
            JsonNode other = array.get(j).get("id");
            if (other != null && other.isTextual() && other.textValue().equals(id)) {
                if (j < i) {
                    copies.put(path, JsonPaths.index(listPath, j));
                    return JsonMerge.merge(array.get(j), own);
                }
                problems.add(likePath, j == i ? "an element cannot be like itself"
                        : "'" + id + "' comes later in the list; like can only copy an earlier element");
                return own;
            }
            if (j < i && other != null && other.isTextual()) {
                earlier.add(other.textValue());
            }
        }
        problems.add(likePath, "unknown id '" + id + "'" + Keys.didYouMean(id, earlier)
                + (earlier.isEmpty() ? "; there is no earlier element to copy" : "; earlier elements: " + String.join(", ", earlier)));
        return own;
    }
}
