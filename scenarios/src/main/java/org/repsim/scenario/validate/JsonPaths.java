package org.repsim.scenario.validate;

/** Builds the JSON paths that problems are reported at: {@code links[1].bandwidth}. */
final class JsonPaths {

    private JsonPaths() {
    }

    static String key(String parent, String key) {
        if (key.isEmpty()) {
            return parent + "[\"\"]"; // an empty key: "sweep." would read as a truncated path
        }
        return parent.isEmpty() ? key : parent + "." + key;
    }

    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /** The enclosing path, or null at the root. */
    static String parent(String path) {
        if (path.isEmpty()) {
            return null;
        }
        if (path.endsWith("[\"\"]")) {
            return path.substring(0, path.length() - 4);
        }
        if (path.endsWith("]")) {
            int open = path.lastIndexOf('[');
            if (open > 0) {
                return path.substring(0, open);
            }
        }
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(0, dot);
    }
}
