package org.repsim.scenario.cli;

/** Exit codes of the repsim command (docs/scenario-format.md). */
public final class ExitCodes {

    public static final int OK = 0;
    /** A failure during simulation. */
    public static final int FAILURE = 1;
    /** An invalid scenario or command line. */
    public static final int INVALID = 2;

    private ExitCodes() {
    }
}
