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
}
