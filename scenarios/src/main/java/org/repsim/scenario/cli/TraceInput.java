package org.repsim.scenario.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.repsim.model.trace.TraceFormat;
import org.repsim.model.trace.TraceOptions;
import org.repsim.scenario.spec.Units;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The trace file and how to read it, shared by the {@code repsim trace} subcommands (a picocli
 * mixin), and their common exit rule: an unreadable file or a bad value is exit 2 with one line.
 */
final class TraceInput {
    @Parameters(index = "0", paramLabel = "FILE", description = "Trace file (gzip is detected).")
    Path file;

    @Option(names = "--format", defaultValue = "msr", description = "msr or spc (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--track-size", defaultValue = "128 KiB", description = "Track (slot) size (default: ${DEFAULT-VALUE}).")
    String trackSize;

    @Option(names = "--skip-bad-lines", description = "Skip and count malformed lines instead of stopping at the first.")
    boolean skipBadLines;

    TraceFormat traceFormat() {
        return TraceFormat.parse(format);
    }

    TraceOptions options() {
        return TraceOptions.defaults().withSkipBadLines(skipBadLines);
    }

    long trackBytes() {
        return Units.bytes(trackSize);
    }

    /** The work of one subcommand, which may refuse a value with an {@link IllegalArgumentException}. */
    interface Work {
        void run();
    }

    /** Runs {@code work} on a readable file; messages start with {@code prefix} ("repsim: "). */
    int run(String prefix, PrintWriter err, Work work) {
        if (!Files.isReadable(file)) {
            err.println(prefix + "cannot read trace file " + file);
            err.flush();
            return ExitCodes.INVALID;
        }
        try {
            work.run();
            return ExitCodes.OK;
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println(prefix + e.getMessage());
            err.flush();
            return ExitCodes.INVALID;
        }
    }
}
