package org.repsim.scenario.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.repsim.core.result.ExperimentSummary;
import org.repsim.core.result.RunResult;

/**
 * The results of a finished run read back from its output directory, so a report can be
 * rendered again without re-running ({@code repsim report RUN_DIR}). Replications are read on
 * demand, one at a time.
 */
public final class StoredExperiment {
    private final Path dir;
    private final RunDescription description;
    private final ExperimentSummary summary;

    private StoredExperiment(Path dir, RunDescription description, ExperimentSummary summary) {
        this.dir = dir;
        this.description = description;
        this.summary = summary;
    }

    /**
     * Opens a run directory.
     *
     * @throws ResultStoreException when {@code run.json} or {@code summary.json} is missing or
     *         unreadable (an unfinished run has no summary: finish it with {@code --resume})
     */
    public static StoredExperiment open(Path dir) {
        RunDescription description;
        ExperimentSummary summary;
        try {
            description = RunDescription.readJson(readRequired(dir, RunDescription.FILE));
            summary = SummaryFiles.readJson(readRequired(dir, SummaryFiles.JSON));
        } catch (IOException e) {
            throw new ResultStoreException("cannot read results in " + dir + ": " + e.getMessage(), e);
        }
        return new StoredExperiment(dir, description, summary);
    }

    private static String readRequired(Path dir, String name) throws IOException {
        try {
            return Files.readString(dir.resolve(name));
        } catch (NoSuchFileException e) {
            String hint = name.equals(SummaryFiles.JSON) ? " (the run did not finish: complete it with repsim run --resume, or see it so far with repsim report --partial)" : "";
            throw new IOException("no " + name + hint, e);
        } catch (IOException e) {
            throw new IOException(name + ": " + Experiment.reason(e), e);
        }
    }

    public Path directory() {
        return dir;
    }

    /** What was run: version, seed, replications, times and points ({@code run.json}). */
    public RunDescription description() {
        return description;
    }

    public ExperimentSummary summary() {
        return summary;
    }

    /** The resolved scenario as stored ({@code scenario.resolved.json}). */
    public String resolvedScenarioJson() {
        return resolvedScenarioJson(dir);
    }

    /** The resolved scenario stored in the run directory {@code dir}. */
    static String resolvedScenarioJson(Path dir) {
        try {
            return Files.readString(dir.resolve(RunDescription.RESOLVED_SCENARIO));
        } catch (IOException e) {
            throw new ResultStoreException("cannot read " + dir.resolve(RunDescription.RESOLVED_SCENARIO) + ": "
                    + Experiment.reason(e), e);
        }
    }

    /** One replication's result. */
    public RunResult run(String pointId, int replication) {
        Path rep = Experiment.replicationDir(dir, pointId, replication);
        try {
            return RunFiles.read(rep);
        } catch (IOException e) {
            throw new ResultStoreException(e.getMessage(), e);
        }
    }

    /** All replications of a point, in replication order. */
    public List<RunResult> runs(String pointId) {
        List<RunResult> out = new ArrayList<>();
        for (int r = 0; r < description.replications(); r++) {
            out.add(run(pointId, r));
        }
        return out;
    }
}
