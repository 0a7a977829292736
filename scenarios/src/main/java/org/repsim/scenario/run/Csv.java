package org.repsim.scenario.run;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV as the result files use it: comma separated, {@code \n} line ends, a header
 * line, fields quoted with {@code "} only when they contain a comma, a quote or a line break
 * (a quote inside is doubled).
 */
final class Csv {
    private Csv() {
    }

    /** Appends one line of fields. */
    static void line(StringBuilder out, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(field(fields.get(i)));
        }
        out.append('\n');
    }

    static String field(String text) {
        boolean quote = false;
        for (int i = 0; i < text.length() && !quote; i++) {
            char c = text.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    /** Parses a whole file into lines of fields; a final line end is optional. */
    static List<List<String>> parse(String text) {
        List<List<String>> lines = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean lineHasContent = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                lineHasContent = true;
            } else if (c == ',') {
                fields.add(cell.toString());
                cell.setLength(0);
                lineHasContent = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                fields.add(cell.toString());
                cell.setLength(0);
                lines.add(fields);
                fields = new ArrayList<>();
                lineHasContent = false;
            } else {
                cell.append(c);
                lineHasContent = true;
            }
            i++;
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quoted field");
        }
        if (lineHasContent || !fields.isEmpty()) {
            fields.add(cell.toString());
            lines.add(fields);
        }
        return lines;
    }
}
