package org.repsim.scenario.spec;

import java.util.List;

/** A scenario that cannot be used, with every problem found (never thrown for a simulation failure). */
public final class ScenarioException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final transient List<Problem> problems;

    public ScenarioException(String source, List<Problem> problems) {
        super(source + ": " + problems.size() + " problem(s)\n" + render(problems));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    public String source() {
        return source;
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String render(List<Problem> problems) {
        StringBuilder sb = new StringBuilder();
        for (Problem p : problems) {
            sb.append("  ").append(p).append('\n');
        }
        return sb.toString();
    }
}
