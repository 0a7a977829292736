package org.repsim.scenario.run;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to run an experiment.
 *
 * @param outputDir where results go (created if missing)
 * @param threads worker threads (≥ 1); replications of all points share them
 * @param resume keep replications already complete in {@code outputDir} and run only the rest
 * @param quiet no progress bar
 */
public record RunOptions(Path outputDir, int threads, boolean resume, boolean quiet) {

    public RunOptions {
        Objects.requireNonNull(outputDir, "output directory");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be ≥ 1: " + threads);
        }
    }

    /** Defaults: one thread per available core, no resume, progress shown. */
    public static RunOptions into(Path outputDir) {
        return new RunOptions(outputDir, Runtime.getRuntime().availableProcessors(), false, false);
    }

    public RunOptions withThreads(int n) {
        return new RunOptions(outputDir, n, resume, quiet);
    }

    public RunOptions withResume(boolean r) {
        return new RunOptions(outputDir, threads, r, quiet);
    }

    public RunOptions withQuiet(boolean q) {
        return new RunOptions(outputDir, threads, resume, q);
    }
}
