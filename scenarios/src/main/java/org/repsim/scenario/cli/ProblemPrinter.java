package org.repsim.scenario.cli;

import java.io.PrintWriter;
import org.repsim.scenario.spec.Problem;
import org.repsim.scenario.spec.ScenarioException;

/** Writes scenario problems for users: a header per source, then one problem per line. */
final class ProblemPrinter {

    private ProblemPrinter() {
    }

    static void print(ScenarioException e, PrintWriter err) {
        int n = e.problems().size();
        err.println(e.source() + ": invalid scenario, " + n + (n == 1 ? " problem:" : " problems:"));
        for (Problem p : e.problems()) {
            err.println(p);
        }
        err.flush();
    }

    /**
     * Warnings: keys without effect in the scenario's mode (docs/scenario-format.md "Keys without
     * effect"), one line each, {@code SOURCE: warning: PATH (line L, col C): message}.
     */
    static void warn(String source, java.util.List<Problem> warnings, PrintWriter err) {
        for (Problem w : warnings) {
            err.println(source + ": warning: " + w);
        }
        err.flush();
    }
}
