package org.repsim.scenario.build;

/**
 * A scenario that validated but cannot be built into a model: bad input, not a failure during
 * simulation. Validation checks what the components check (ValidationCoversTheModelsTest walks
 * them), so this is a safety net for a check that validation has not learnt yet.
 */
public final class ModelBuildException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ModelBuildException(String message, Throwable cause) {
        super(message, cause);
    }
}
