package org.repsim.scenario.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.repsim.scenario.spec.Problem;
import org.repsim.scenario.spec.ScenarioException;

/** A small valid scenario and helpers to break it in one place. */
final class Fixtures {

    static final String MINIMAL = """
            {
              "name": "t",
              "run": { "duration": "1 min" },
              "sites": [ { "id": "a" }, { "id": "b" }, { "id": "c" } ],
              "boxes": [
                { "id": "p", "site": "a", "volumes": [ { "id": "v", "size": "1 GiB" } ] },
                { "id": "s", "site": "b", "like": "p" }
              ],
              "links": [ { "id": "wan", "between": ["a", "b"], "bandwidth": "1 Gbit/s" },
                         { "id": "far", "between": ["a", "c"], "bandwidth": "1 Gbit/s" } ],
              "replication": { "mode": "cycle", "pairs": [ { "primary": "p", "secondary": "s" } ] },
              "workloads": [ { "id": "w", "volumes": ["p/v"], "arrival": { "kind": "open", "rate": "1000/s" } } ]
            }
            """;

    private Fixtures() {
    }

    /** MINIMAL with one exact occurrence of {@code from} replaced. */
    static String with(String from, String to) {
        return with(MINIMAL, from, to);
    }

    static String with(String text, String from, String to) {
        int at = text.indexOf(from);
        assertThat(at).as("fixture contains %s", from).isNotNegative();
        assertThat(text.indexOf(from, at + 1)).as("fixture contains %s once", from).isNegative();
        return text.substring(0, at) + to + text.substring(at + from.length());
    }

    /** The problems reported for {@code text}; fails if it is valid. */
    static List<Problem> problems(String text) {
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> Scenarios.parse(text, "test.json"));
        assertThat(e).as("scenario should be invalid").isNotNull();
        return e.problems();
    }

    /** The only problem reported for {@code text}. */
    static Problem problem(String text) {
        List<Problem> problems = problems(text);
        assertThat(problems).hasSize(1);
        return problems.get(0);
    }

    /** 1-based line and column where {@code needle} starts in {@code text}. */
    static int[] at(String text, String needle) {
        int index = text.indexOf(needle);
        assertThat(index).as("text contains %s", needle).isNotNegative();
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, index - lineStart + 1};
    }

    static void assertAt(Problem p, String text, String needle) {
        int[] where = at(text, needle);
        assertThat(new int[] {p.line(), p.column()}).as("location of %s", p).containsExactly(where);
    }
}
