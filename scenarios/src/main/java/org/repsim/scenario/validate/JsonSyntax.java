package org.repsim.scenario.validate;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain messages for JSON syntax errors. The parser's own messages name its switches
 * ("enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS`", "Feature 'ALLOW_COMMENTS' not
 * enabled") and its internals; a scenario's author needs what is wrong in the file and how JSON
 * writes it. The line and column are kept by the caller.
 */
final class JsonSyntax {

    private static final Pattern NON_NUMERIC = Pattern.compile("Non-standard token '([+-]?(?:NaN|Infinity|INF))'.*", Pattern.DOTALL);
    private static final Pattern CHARACTER = Pattern.compile("Unexpected character \\('(.)' \\(code \\d+\\)\\)(?: in numeric value)?: (.*)",
            Pattern.DOTALL);
    private static final Pattern CONTROL = Pattern.compile("Illegal unquoted character \\(\\(CTRL-CHAR, code (\\d+)\\)\\).*", Pattern.DOTALL);
    private static final Pattern ESCAPE = Pattern.compile("Unrecognized character escape '(.)'.*", Pattern.DOTALL);
    private static final Pattern TOKEN = Pattern.compile("Unrecognized token '([^']*)'.*", Pattern.DOTALL);
    private static final Pattern CLOSE = Pattern.compile("Unexpected close marker '(.)': expected '(.)'.*", Pattern.DOTALL);
    private static final String VALUE = "a string in double quotes, a number, true, false, null, an object {…} or a list […]";

    private JsonSyntax() {
    }

    /**
     * The column to report: the parser places NaN and Infinity after the token; this moves it to
     * the token's start, where every other error points.
     */
    static int column(String message, int column) {
        Matcher x = NON_NUMERIC.matcher(message == null ? "" : message);
        return x.matches() && column > x.group(1).length() ? column - x.group(1).length() : column;
    }

    /** The parser's message ({@code getOriginalMessage()}) as a plain sentence about the file. */
    static String plain(String message) {
        String m = message == null ? "" : message;
        Matcher x;
        if ((x = NON_NUMERIC.matcher(m)).matches()) {
            return x.group(1) + " is not a number here: JSON has no NaN or Infinity; give a finite number";
        }
        if (m.contains("maybe a (non-standard) comment?")) {
            return "comments are not allowed in scenario files (JSON has none); notes go in the scenario's \"description\"";
        }
        if (m.contains("Leading zeroes not allowed")) {
            return "a number may not start with 0 (write 7, not 007)";
        }
        if ((x = CONTROL.matcher(m)).matches()) {
            int code = Integer.parseInt(x.group(1));
            return code == 10 || code == 13 ? "a string runs on past the end of the line: close it with \" (a line break "
                    + "inside a string is written \\n)"
                    : code == 9 ? "a tab inside a string must be written \\t" : "control character " + code
                            + " inside a string must be written as an escape (\\u" + String.format("%04x", code) + ")";
        }
        if ((x = ESCAPE.matcher(m)).matches()) {
            return "unknown escape '\\" + x.group(1) + "' in a string: JSON knows \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX "
                    + "(a backslash itself is written \\\\)";
        }
        if ((x = TOKEN.matcher(m)).matches()) {
            return "'" + x.group(1) + "' is not a value: a value is " + VALUE;
        }
        if ((x = CLOSE.matcher(m)).matches()) {
            return "'" + x.group(1) + "' where '" + x.group(2) + "' should close the " + (x.group(2).equals("}") ? "object" : "list")
                    + " open before it";
        }
        if (m.startsWith("Unexpected end-of-input")) {
            if (m.contains("close marker for Object")) {
                return "the file ends inside an object: a '}' is missing";
            }
            if (m.contains("close marker for Array")) {
                return "the file ends inside a list: a ']' is missing";
            }
            return m.contains("String") ? "the file ends inside a string: a closing \" is missing" : "the file ends too early";
        }
        if ((x = CHARACTER.matcher(m)).matches()) {
            return character(x.group(1).charAt(0), x.group(2));
        }
        // anything else: the parser's sentence without its internals
        return m.replaceAll("\\s*\\(for \\w+ starting at \\[Source:.*", "")
                .replaceAll("\\s*\\[Source:.*", "")
                .replaceAll(":? ?enable `[^`]*` to allow", "")
                .replaceAll("\\s*\\(code \\d+\\)", "")
                .trim();
    }

    private static String character(char c, String expecting) {
        String found = "'" + c + "'";
        if (c == '#') {
            return "comments are not allowed in scenario files (JSON has none); notes go in the scenario's \"description\"";
        }
        if (c == '\'') {
            return "strings and keys take double quotes (\"), not single quotes";
        }
        if (c == '+') {
            return "a number may not start with '+' (write 1, not +1)";
        }
        if (expecting.startsWith("was expecting double-quote to start field name")) {
            return c == '}' ? "a comma before '}': JSON allows no comma after an object's last entry"
                    : "expected a key in double quotes (\"name\"), found " + found;
        }
        if (expecting.startsWith("expected a valid value")) {
            return c == ']' ? "a comma before ']': JSON allows no comma after a list's last value"
                    : c == '.' ? "a number may not start with '.' (write 0.5, not .5)" : "expected a value, found " + found
                            + "; a value is " + VALUE;
        }
        if (expecting.startsWith("was expecting comma to separate Object entries")) {
            return "expected ',' or '}' after an object's entry, found " + found;
        }
        if (expecting.startsWith("was expecting comma to separate Array entries")) {
            return "expected ',' or ']' after a list's value, found " + found;
        }
        if (expecting.startsWith("was expecting a colon")) {
            return "expected ':' between a key and its value, found " + found;
        }
        return "unexpected " + found;
    }
}
