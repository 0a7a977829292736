package org.repsim.scenario.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.repsim.scenario.build.HostTrace;

/** {@code repsim run --trace-out FILE}: replication 0 of the first point, written by {@link HostTrace}. */
final class TraceOut {
    private TraceOut() {
    }

    static void write(RunRequest e, Path file) throws IOException {
        var point = e.points().get(0);
        HostTrace.write(point.scenario(), 0, e.scenario().run().seed(), e.scenarioFile().toAbsolutePath().getParent(), file);
        if (!e.quiet()) {
            e.out().println("trace: " + file + " (host I/O of point " + point.id() + ", replication 0, MSR format)");
        }
    }
}
