package org.repsim.scenario.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.repsim.scenario.spec.Problem;
import org.repsim.scenario.spec.ScenarioException;

/** JSON syntax errors in a scenario file: plain sentences with line and column, none of the parser's switches. */
class JsonSyntaxTest {

    private static Problem problem(String text) {
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> Scenarios.parse(text, "t.json"));
        assertThat(e).as(text).isNotNull();
        assertThat(e.problems()).hasSize(1);
        return e.problems().get(0);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{\\n // note\\n \"name\": \"x\"}         | 2 | 2  | not JSON: comments are not allowed in scenario files (JSON has none); notes go in the scenario's \"description\"",
        "{\\n /* note */ \"name\": \"x\"}         | 2 | 2  | not JSON: comments are not allowed in scenario files",
        "{\\n # note\\n \"name\": \"x\"}          | 2 | 2  | not JSON: comments are not allowed in scenario files",
        "{\"run\": {\"warmup\": NaN}}             | 1 | 20 | not JSON: NaN is not a number here: JSON has no NaN or Infinity; give a finite number",
        "{\"run\": {\"warmup\": -Infinity}}       | 1 | 20 | not JSON: -Infinity is not a number here",
        "{'name': 'x'}                            | 1 | 2  | not JSON: strings and keys take double quotes (\"), not single quotes",
        "{name: \"x\"}                            | 1 | 2  | not JSON: expected a key in double quotes (\"name\"), found 'n'",
        "{\"name\": \"x\",}                       | 1 | 14 | not JSON: a comma before '}': JSON allows no comma after an object's last entry",
        "{\"a\": [1, 2,]}                         | 1 | 13 | not JSON: a comma before ']': JSON allows no comma after a list's last value",
        "{\"name\": \"x\" \"b\": 1}               | 1 | 14 | not JSON: expected ',' or '}' after an object's entry, found '\"'",
        "{\"a\": [1 2]}                           | 1 | 10 | not JSON: expected ',' or ']' after a list's value, found '2'",
        "{\"a\" 1}                                | 1 | 6  | not JSON: expected ':' between a key and its value, found '1'",
        "{\"a\": 007}                             | 1 | 8  | not JSON: a number may not start with 0",
        "{\"a\": +1}                              | 1 | 8  | not JSON: a number may not start with '+'",
        "{\"a\": .5}                              | 1 | 7  | not JSON: a number may not start with '.'",
        "{\"a\": \"abc\\n}                        | 1 | 11 | not JSON: a string runs on past the end of the line",
        "{\"a\": \"\\q\"}                         | 1 | 9  | not JSON: unknown escape '\\q' in a string",
        "{\"a\": tru}                             | 1 | 7  | not JSON: 'tru' is not a value",
        "{\"a\": 1]                               | 1 | 8  | not JSON: ']' where '}' should close the object open before it",
        "{\"a\": 1\\n                             | 2 | 1  | not JSON: the file ends inside an object: a '}' is missing",
    })
    void aSyntaxErrorIsAPlainSentenceAtItsLineAndColumn(String text, int line, int column, String message) {
        Problem p = problem(text.replace("\\n", "\n").replace("\\q", "\\q"));
        assertThat(p.message()).startsWith(message);
        assertThat(p.line()).isEqualTo(line);
        assertThat(p.column()).isEqualTo(column);
        assertThat(p.message()).doesNotContain("enable", "Feature", "ALLOW_", "Source:", "REDACTED", "code ", "CTRL-CHAR");
    }
}
