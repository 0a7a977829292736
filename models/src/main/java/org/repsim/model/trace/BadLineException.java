package org.repsim.model.trace;

/**
 * A line the parser cannot accept; the message says what is wrong without the location,
 * which the reader prefixes as {@code file:line: }. A {@code fatal} problem (a wrong unit,
 * time going backwards) is never skipped by {@link TraceOptions#skipBadLines()}.
 */
final class BadLineException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final boolean fatal;

    BadLineException(String message, boolean fatal) {
        super(message, null, false, false);
        this.fatal = fatal;
    }
}
