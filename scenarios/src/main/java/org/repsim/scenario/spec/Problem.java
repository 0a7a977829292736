package org.repsim.scenario.spec;

/**
 * One thing wrong with a scenario: its JSON path ({@code links[1].bandwidth}), the line and
 * column of the offending value (1-based; 0 when the input has none) and a message.
 */
public record Problem(String path, int line, int column, String message) {

    /** {@code path (line L, col C): message}, or without the location when unknown. */
    @Override
    public String toString() {
        String where = path.isEmpty() ? "(scenario)" : path;
        if (line > 0) {
            where += " (line " + line + ", col " + column + ")";
        }
        return where + ": " + message;
    }
}
