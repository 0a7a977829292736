package org.repsim.scenario.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a running replication's {@link RunFiles#PROGRESS} file says: simulated seconds done of its
 * duration, events fired and wall seconds since it started.
 */
record ReplicationProgress(double simulatedS, double durationS, long events, double wallS) {

    /** Writes the file atomically. */
    void write(Path replicationDir) throws IOException {
        AtomicFiles.write(replicationDir.resolve(RunFiles.PROGRESS), Json.write(this));
    }

    /** The file of a replication directory, or empty when it has none or it cannot be read. */
    static Optional<ReplicationProgress> read(Path replicationDir) {
        Path file = replicationDir.resolve(RunFiles.PROGRESS);
        try {
            return Files.exists(file) ? Optional.of(Json.read(Files.readString(file), ReplicationProgress.class))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Wall seconds left at the pace so far (NaN before any simulated time is done). */
    double leftS() {
        return simulatedS > 0 ? wallS * Math.max(0, durationS - simulatedS) / simulatedS : Double.NaN;
    }
}
