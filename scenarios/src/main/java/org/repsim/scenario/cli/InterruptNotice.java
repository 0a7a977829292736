package org.repsim.scenario.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.repsim.scenario.run.Completions;
import org.repsim.scenario.run.Shard;

/**
 * What {@code repsim run} says when it is stopped from outside (Ctrl-C, SIGINT; SIGTERM, e.g. a
 * batch job's time limit): how many replications are complete on disk and the command that
 * continues. A shutdown hook, installed for the run and removed when it ends; it writes nothing
 * to the output directory (whatever a worker was writing stays a temporary or {@code .part} file
 * that {@code --resume} never takes for a result).
 */
final class InterruptNotice implements AutoCloseable {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private final Thread hook;
    private volatile boolean finished;

    private InterruptNotice(Path dir, Shard shard, Completions completions, String resumeCommand, PrintStream err,
            boolean newLineFirst) {
        hook = new Thread(() -> {
            if (finished) {
                return;
            }
            String text = message(dir, shard, completions.started(), completions.complete(), completions.total(),
                    resumeCommand);
            err.print((newLineFirst ? System.lineSeparator() : "") + text + System.lineSeparator());
            err.flush();
        }, "repsim-interrupt-notice");
    }

    /** Installs the notice for a run into {@code dir}; {@link #close} when the run has ended. */
    static InterruptNotice install(Path dir, Shard shard, Completions completions, String resumeCommand,
            PrintStream err, boolean newLineFirst) {
        InterruptNotice n = new InterruptNotice(dir, shard, completions, resumeCommand, err, newLineFirst);
        Runtime.getRuntime().addShutdownHook(n.hook);
        return n;
    }

    /**
     * The notice: only what is true of {@code dir} at that moment.
     *
     * @param started  whether the replications to run were known (else it stopped before any ran)
     * @param complete replications complete on disk, of {@code total} (of the shard's, for a shard)
     */
    static String message(Path dir, Shard shard, boolean started, int complete, int total, String resumeCommand) {
        if (!started) {
            return "repsim: interrupted before any replication ran; start it again with: " + resumeCommand;
        }
        String of = shard == null ? "" : " of shard " + shard;
        if (complete >= total) {
            return shard == null
                    ? String.format(Locale.ROOT, "repsim: interrupted: all %d replications are complete in %s, but "
                            + "not its summary and report; write them (running nothing again) with: %s", total, dir,
                            resumeCommand)
                    : String.format(Locale.ROOT, "repsim: interrupted: all %d replications%s are complete in %s; "
                            + "once every shard's are: repsim merge %s", total, of, dir, quote(dir.toString()));
        }
        return String.format(Locale.ROOT, "repsim: interrupted: %d of %d replications%s complete in %s (the others "
                + "start over); continue with: %s", complete, total, of, dir, resumeCommand);
    }

    /** The command that continues a run given by {@code args} (repsim run's arguments): the same, with --resume. */
    static String resumeCommand(List<String> args) {
        StringBuilder b = new StringBuilder("repsim run");
        for (String a : args) {
            b.append(' ').append(quote(a));
        }
        return b.append(" --resume").toString();
    }

    /** A word as a POSIX shell reads it back. */
    static String quote(String word) {
        return PLAIN.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    /** The run ended (or failed): no notice, hook removed. */
    @Override
    public void close() {
        finished = true;
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting: the hook runs, and prints nothing as the run had finished
        }
    }
}
