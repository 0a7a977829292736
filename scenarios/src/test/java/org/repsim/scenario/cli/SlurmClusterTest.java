package org.repsim.scenario.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's example, shortened, run on a real Slurm: a one-node cluster started on this
 * machine ({@link OneNodeSlurm}), {@code repsim slurm --submit} submits an array of 4 tasks and
 * the merge job, and every result file equals that of {@code repsim run} on one machine. Then
 * one shard's replication is lost and that task alone is resubmitted, with a new merge: the same
 * files again.
 *
 * <p>Runs under {@code CI=true}, where {@code .ci/run} has installed Debian's {@code slurm-wlm}
 * and {@code munge} as root; skipped otherwise (it starts daemons as root).
 */
class SlurmClusterTest {
    static final Path EXAMPLE = Path.of("examples/cycle-two-boxes.json");
    /** The shortening of ExampleRunsTest; 3 bandwidths x 2 replications = 6 pairs on 4 tasks. */
    static final List<String> SHORT = List.of("--set", "run.duration=15 s", "--set", "run.warmup=2 s",
            "--set", "replication.consistency.minNumberTime=2 s",
            "--set", "workloads[oltp].arrival.rate=1500/s", "--replications", "2");
    private static final Pattern JOB_STATE = Pattern.compile("JobState=(\\S+) Reason=(\\S+)");

    @TempDir
    Path tmp;

    @Test
    void aSweepSubmittedAsAnArrayJobAndMergedGivesTheFilesOfOneMachine() throws Exception {
        Assumptions.assumeTrue("true".equals(System.getenv("CI")), "the Slurm integration test starts munged, "
                + "slurmctld and slurmd as root: it runs under CI=true (.ci/run installs slurm-wlm and munge)");
        requireRootAndSlurm();
        long startedNs = System.nanoTime();

        Path local = tmp.resolve("local");
        List<String> args = new ArrayList<>(List.of("run", EXAMPLE.toString(), "-o", local.toString(), "--quiet"));
        args.addAll(SHORT);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(Repsim.standard(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).execute(args.toArray(String[]::new)))
                .as(err.toString(StandardCharsets.UTF_8)).isZero();

        Path dir = tmp.resolve("cluster-run");
        try (OneNodeSlurm slurm = OneNodeSlurm.start(Files.createDirectories(tmp.resolve("slurm-cluster")))) {
            List<String> submit = ShardCommandsTest.javaRepsim();
            submit.addAll(List.of("slurm", EXAMPLE.toString(), "-o", dir.toString(), "--tasks", "4", "--submit"));
            submit.addAll(SHORT);
            OneNodeSlurm.Cmd submitted = slurm.run(submit);
            assertThat(submitted.code()).as(submitted.out()).isZero();
            String arrayJob = group(submitted.out(), "array job (\\d+) submitted: 4 tasks");
            String mergeJob = group(submitted.out(), "merge job (\\d+) submitted: runs after job " + arrayJob);

            awaitCompleted(slurm, mergeJob, dir);
            OneNodeSlurm.Cmd tasks = slurm.run("scontrol", "-o", "show", "job", arrayJob);
            assertThat(Pattern.compile("JobState=COMPLETED Reason=None").matcher(tasks.out()).results().count())
                    .as(tasks.out()).isEqualTo(4);
            assertThat(Files.readString(single(dir.resolve("slurm"), "merge-" + mergeJob + ".out")))
                    .contains("merged 6 replications of 4 shards");
            for (int k = 0; k < 4; k++) {
                assertThat(Files.readString(single(dir.resolve("slurm"), "run-" + arrayJob + "_" + k + ".out")))
                        .contains("shard " + k + "/4: ");
            }
            ShardCommandsTest.assertSameAsOneMachine(dir, local, 4);

            // task 2 (pairs 2 = p001/0 and 6 > 5: just one) loses its replication; it alone is resubmitted
            Path lost = dir.resolve("runs/p001/0");
            Files.delete(lost.resolve("done.json"));
            Files.writeString(lost.resolve("cycles.csv.part"), "half a row");
            Files.delete(dir.resolve("summary.json"));
            OneNodeSlurm.Cmd again = slurm.run("sbatch", "--parsable", "--array=2",
                    dir.resolve("slurm/run.sbatch").toString());
            assertThat(again.code()).as(again.out()).isZero();
            String rerun = again.out().trim().split(";")[0];
            OneNodeSlurm.Cmd merge = slurm.run("sbatch", "--parsable", "--dependency=afterok:" + rerun,
                    dir.resolve("slurm/merge.sbatch").toString());
            assertThat(merge.code()).as(merge.out()).isZero();
            awaitCompleted(slurm, merge.out().trim().split(";")[0], dir);
            assertThat(Files.readString(single(dir.resolve("slurm"), "run-" + rerun + "_2.out")))
                    .contains("shard 2/4: 1 replication(s) of 1 run");
            ShardCommandsTest.assertSameAsOneMachine(dir, local, 4);
        }
        System.out.printf("SlurmClusterTest: local run, cluster start, 4-task array + merge, task resubmission and "
                + "stop took %.1f s%n", (System.nanoTime() - startedNs) / 1e9);
    }

    /** Polls the job's state until it ends; a failed job or a merge whose tasks failed fails the test with the logs. */
    private static void awaitCompleted(OneNodeSlurm slurm, String job, Path dir) throws Exception {
        slurm.waitFor(() -> {
            OneNodeSlurm.Cmd show = slurm.run("scontrol", "-o", "show", "job", job);
            Matcher m = JOB_STATE.matcher(show.out());
            if (!m.find()) {
                fail("no state for job " + job + ": " + show.out());
            }
            String state = m.group(1);
            if (state.equals("COMPLETED")) {
                return true;
            }
            // COMPLETING: the job's steps ended and slurmd is still cleaning up (a loaded machine
            // shows it for a few polls); it becomes COMPLETED, or FAILED if a step failed
            if (!state.equals("PENDING") && !state.equals("RUNNING") && !state.equals("CONFIGURING")
                    && !state.equals("COMPLETING") || m.group(2).equals("DependencyNeverSatisfied")) {
                fail("job " + job + " is " + state + " (" + m.group(2) + ")\n" + jobLogs(dir) + slurm.logs());
            }
            return false;
        }, "job " + job + " to complete");
    }

    private static String jobLogs(Path dir) throws IOException {
        StringBuilder b = new StringBuilder();
        try (Stream<Path> logs = Files.list(dir.resolve("slurm"))) {
            for (Path f : (Iterable<Path>) logs.filter(p -> p.toString().endsWith(".out")).sorted()::iterator) {
                b.append("--- ").append(f).append('\n').append(Files.readString(f));
            }
        }
        return b.toString();
    }

    private static Path single(Path dir, String name) {
        Path f = dir.resolve(name);
        assertThat(f).exists();
        return f;
    }

    private static String group(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("'%s' in: %s", regex, text).isTrue();
        return m.group(1);
    }

    private static void requireRootAndSlurm() throws IOException, InterruptedException {
        Process id = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
        String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        id.waitFor();
        if (!uid.equals("0")) {
            fail("the Slurm integration test under CI=true must run as root (it starts munged, slurmctld and "
                    + "slurmd); running as uid " + uid);
        }
        for (String daemon : List.of("munged", "slurmctld", "slurmd", "sbatch", "scontrol", "sinfo")) {
            Process which = new ProcessBuilder("sh", "-c", "command -v " + daemon).start();
            if (which.waitFor() != 0) {
                fail(daemon + " not found under CI=true: .ci/run installs Debian's slurm-wlm and munge as root "
                        + "(apt-get install -y slurm-wlm munge)");
            }
        }
    }
}
