package org.repsim.scenario.run;

/**
 * The output directory cannot be created, written or read back, or holds results of a different
 * experiment. The message names the path and the reason.
 */
public final class ResultStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ResultStoreException(String message) {
        super(message);
    }

    public ResultStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
