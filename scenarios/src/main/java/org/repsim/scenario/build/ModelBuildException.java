package org.repsim.scenario.build;

/**
 * A scenario that validated but cannot be built into a model (a pair whose secondary lacks a
 * volume, a spill pool on another box, two sessions from one box in a consistency group, ...):
 * bad input, not a failure during simulation.
 */
public final class ModelBuildException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ModelBuildException(String message, Throwable cause) {
        super(message, cause);
    }
}
