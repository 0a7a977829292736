package org.repsim.core.kernel;

import java.util.Locale;

/**
 * An exception thrown inside an event, wrapped with where it happened: the model component
 * (class and method of the innermost repsim frame outside the kernel) and the simulated time.
 */
public final class SimulationFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String component;
    private final long timeNs;

    public SimulationFailure(String component, long timeNs, Throwable cause) {
        super(String.format(Locale.ROOT, "simulation failed in %s at t=%s: %s", component,
                formatTime(timeNs), describe(cause)), cause);
        this.component = component;
        this.timeNs = timeNs;
    }

    /** The component (simple class name and method) whose event failed. */
    public String component() {
        return component;
    }

    /** Simulated time of the failing event in nanoseconds. */
    public long timeNs() {
        return timeNs;
    }

    /** Seconds with nanosecond precision, e.g. {@code 12.000000250 s}. */
    public static String formatTime(long timeNs) {
        return String.format(Locale.ROOT, "%d.%09d s", timeNs / 1_000_000_000L, Math.abs(timeNs % 1_000_000_000L));
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : cause.getClass().getSimpleName() + ": " + message;
    }

    /**
     * Names the component that threw: the innermost stack frame in an {@code org.repsim} class
     * that is not the kernel's own machinery (its DSOL adapter or the {@link Scheduler}
     * defaults), as {@code SimpleClass.method}.
     */
    public static String componentOf(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            for (StackTraceElement frame : t.getStackTrace()) {
                String cls = frame.getClassName();
                if (cls.startsWith("org.repsim.") && !cls.startsWith("org.repsim.core.kernel.dsol.")
                        && !cls.equals(Scheduler.class.getName())) {
                    String simple = innermostNamedClass(cls.substring(cls.lastIndexOf('.') + 1));
                    String method = frame.getMethodName();
                    if (method.startsWith("lambda$")) {
                        int end = method.indexOf('$', 7);
                        method = end > 7 ? method.substring(7, end) : method;
                    }
                    return simple + "." + method;
                }
            }
        }
        return "unknown component";
    }

    /** {@code Outer$Inner$$Lambda$12/0x..} → {@code Inner}; anonymous {@code Outer$1} → {@code Outer}. */
    private static String innermostNamedClass(String binaryName) {
        int lambda = binaryName.indexOf("$$Lambda");
        String name = lambda >= 0 ? binaryName.substring(0, lambda) : binaryName;
        String[] parts = name.split("\\$");
        for (int i = parts.length - 1; i >= 0; i--) {
            if (!parts[i].isEmpty() && !Character.isDigit(parts[i].charAt(0))) {
                return parts[i];
            }
        }
        return name;
    }
}
