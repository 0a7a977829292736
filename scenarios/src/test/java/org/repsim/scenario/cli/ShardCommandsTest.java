package org.repsim.scenario.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repsim.scenario.run.ExperimentPlan;
import org.repsim.scenario.run.PlanPoint;
import org.repsim.scenario.run.Sharding;

/**
 * {@code repsim run --shard}, {@code merge}, {@code status} and {@code slurm} through the command
 * line, on a shortened shipped example: shards written by separate processes (one killed mid-run
 * and rerun), and the written Slurm scripts run by bash as Slurm would, merge into the very files
 * of a run on one machine.
 */
class ShardCommandsTest {
    static final Path EXAMPLE = Path.of("examples/sync-baseline.json");
    /** 3 points x 2 replications, shortened. */
    static final List<String> SHORT = List.of("--set", "run.duration=3 s", "--set", "run.warmup=1 s",
            "--replications", "2");

    @TempDir
    static Path shared;
    static Path local;

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    @BeforeAll
    static void runOnOneMachine() {
        local = shared.resolve("local");
        List<String> args = new ArrayList<>(List.of("run", EXAMPLE.toString(), "-o", local.toString(), "--threads", "2",
                "--quiet"));
        args.addAll(SHORT);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Repsim.standard(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).execute(args.toArray(String[]::new));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    }

    private int repsim(String... args) {
        return Repsim.standard(new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8)).execute(args);
    }

    private int shortRun(Path dir, String... more) {
        List<String> args = new ArrayList<>(List.of("run", EXAMPLE.toString(), "-o", dir.toString(), "--threads", "1",
                "--quiet"));
        args.addAll(SHORT);
        args.addAll(List.of(more));
        return repsim(args.toArray(String[]::new));
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    /** A java command line that runs repsim from this test's class path. */
    static List<String> javaRepsim() {
        return new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Repsim.class.getName()));
    }

    /** Every result file by relative path, run.json aside (a sharded run's also records the sharding). */
    static SortedMap<String, byte[]> resultFiles(Path dir) throws IOException {
        SortedMap<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String rel = dir.relativize(p).toString().replace(File.separatorChar, '/');
                if (Files.isRegularFile(p) && !rel.equals("run.json") && !rel.startsWith(SlurmCommand.SLURM_DIR + "/")) {
                    files.put(rel, Files.readAllBytes(p));
                }
            }
        }
        return files;
    }

    /** Every file identical to the run on one machine, and run.json equal to its own plus the sharding. */
    static void assertSameAsOneMachine(Path sharded, Path oneMachine, int shards) throws IOException {
        SortedMap<String, byte[]> mine = resultFiles(sharded);
        SortedMap<String, byte[]> theirs = resultFiles(oneMachine);
        assertThat(mine.keySet()).isEqualTo(theirs.keySet());
        assertThat(mine.keySet()).contains("summary.json", "summary.csv", "report.html", "scenario.resolved.json");
        for (String f : theirs.keySet()) {
            assertThat(mine.get(f)).as("bytes of %s", f).isEqualTo(theirs.get(f));
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode description = (ObjectNode) json.readTree(sharded.resolve("run.json").toFile());
        assertThat(description.remove("sharding").get("shards").asInt()).isEqualTo(shards);
        assertThat(description).isEqualTo(json.readTree(oneMachine.resolve("run.json").toFile()));
    }

    @Test
    void aShardKilledMidRunIsNamedByMergeAndRerunWithResumeGivesTheFilesOfOneMachine() throws Exception {
        Path dir = tmp.resolve("sharded");
        // shard 0 of 3 holds p000/0 then p001/1; kill its process once the first is done
        List<String> cmd = javaRepsim();
        cmd.addAll(List.of("run", EXAMPLE.toString(), "-o", dir.toString(), "--threads", "1", "--quiet",
                "--shard", "env:TASK/3"));
        cmd.addAll(SHORT);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("shard0.log").toFile());
        pb.environment().put("TASK", "0");
        Process shard0 = pb.start();
        Path first = dir.resolve("runs/p000/0/done.json");
        try {
            while (!Files.exists(first) && shard0.isAlive()) {
                Thread.sleep(20);
            }
        } finally {
            shard0.destroyForcibly();
            shard0.waitFor(1, TimeUnit.MINUTES);
        }
        assertThat(first).as("log: %s", Files.readString(tmp.resolve("shard0.log"))).exists();
        assertThat(dir.resolve("runs/p001/1/done.json")).as("killed before its second replication ended")
                .doesNotExist();
        assertThat(shortRun(dir, "--shard", "2/3")).as(err()).isZero();
        assertThat(shortRun(dir, "--shard", "1/3")).as(err()).isZero();

        assertThat(repsim("status", dir.toString())).isZero();
        assertThat(out()).contains("sync-baseline: 5/6 replications done (files present; ").contains("), 3 shards")
                .containsPattern("(?m)^0\\s+1/2\\s+[01]\\s*$").containsPattern("(?m)^1\\s+2/2\\s+0\\s+complete$");
        assertThat(repsim("merge", dir.toString())).isEqualTo(ExitCodes.FAILURE);
        assertThat(err()).contains("1 of 6 replications").contains("p001/1  shard 0")
                .contains("shards to rerun: 0 (of 3)");
        assertThat(dir.resolve("summary.json")).doesNotExist();

        assertThat(shortRun(dir, "--shard", "0/3", "--resume")).as(err()).isZero();
        assertThat(repsim("merge", dir.toString())).as(err()).isZero();
        assertThat(out()).contains("merged 6 replications of 3 shards");
        assertSameAsOneMachine(dir, local, 3);
    }

    @Test
    void theSlurmScriptsRunByBashAsSlurmWouldGiveTheFilesOfOneMachine() throws Exception {
        Path dir = tmp.resolve("cluster");
        List<String> args = new ArrayList<>(List.of("slurm", EXAMPLE.toString(), "-o", dir.toString(), "--tasks", "3",
                "--partition", "short", "--time", "0:20:00", "--cpus-per-task", "2"));
        args.addAll(SHORT);
        assertThat(repsim(args.toArray(String[]::new))).as(err()).isZero();
        Path run = dir.resolve("slurm/run.sbatch");
        Path merge = dir.resolve("slurm/merge.sbatch");
        assertThat(out()).contains("jobid=$(sbatch --parsable " + run + ")")
                .contains("sbatch --dependency=afterok:${jobid%%;*} " + merge);
        String runText = Files.readString(run);
        assertThat(runText).startsWith("#!/bin/bash\n#SBATCH --job-name=repsim-sync-baseline\n")
                .contains("#SBATCH --array=0-2\n", "#SBATCH --partition=short\n", "#SBATCH --time=0:20:00\n",
                        "#SBATCH --cpus-per-task=2\n", "#SBATCH --output=" + dir.resolve("slurm") + "/run-%A_%a.out\n")
                .contains(" run " + EXAMPLE.toAbsolutePath() + " -o " + dir
                        + " --shard env:SLURM_ARRAY_TASK_ID/3 --resume --set 'run.duration=3 s'")
                .contains("--threads \"${SLURM_CPUS_PER_TASK:-1}\"");
        assertThat(Files.readString(merge)).doesNotContain("--array").contains("#SBATCH --kill-on-invalid-dep=yes\n")
                .contains(" merge " + dir + "\n");
        assertThat(Files.readString(dir.resolve("run.json"))).contains("\"shards\": 3");

        // bash runs each task as Slurm would (the #SBATCH lines are comments), task 2 twice
        for (int task : new int[] {2, 0, 1, 2}) {
            ProcessBuilder pb = new ProcessBuilder("bash", run.toString()).redirectErrorStream(true)
                    .redirectOutput(tmp.resolve("task.log").toFile());
            pb.environment().put("SLURM_ARRAY_TASK_ID", Integer.toString(task));
            pb.environment().put("SLURM_CPUS_PER_TASK", "1");
            assertThat(pb.start().waitFor()).as("task %d: %s", task, Files.readString(tmp.resolve("task.log")))
                    .isZero();
        }
        assertThat(Files.readString(tmp.resolve("task.log"))).contains("0 replication(s) of 2 run")
                .contains("2 already complete");
        Process m = new ProcessBuilder("bash", merge.toString()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("merge.log").toFile()).start();
        assertThat(m.waitFor()).as(Files.readString(tmp.resolve("merge.log"))).isZero();
        assertSameAsOneMachine(dir, local, 3);
    }

    @Test
    void slurmRefusesADirectoryOfAnotherRunAndBadOptions() throws IOException {
        Path dir = tmp.resolve("cluster");
        assertThat(repsim("slurm", EXAMPLE.toString(), "-o", dir.toString(), "--tasks", "4")).as(err()).isZero();
        String description = Files.readString(dir.resolve("run.json"));
        assertThat(repsim("slurm", EXAMPLE.toString(), "-o", dir.toString(), "--tasks", "4", "--seed", "8"))
                .isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("run.json is of another run").contains("seed 7 there, 8 here")
                .doesNotContain("Exception");
        assertThat(repsim("slurm", EXAMPLE.toString(), "-o", dir.toString(), "--tasks", "3"))
                .isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("4 shards there, 3 here");
        assertThat(Files.readString(dir.resolve("run.json"))).isEqualTo(description);
        assertThat(repsim("slurm", EXAMPLE.toString(), "-o", tmp.resolve("x").toString(), "--tasks", "0"))
                .isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("--tasks must be at least 1");
        assertThat(repsim("slurm", EXAMPLE.toString(), "-o", tmp.resolve("a b").toString(), "--tasks", "2"))
                .isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("#SBATCH lines");
    }

    @Test
    void moreTasksThanPairsAreCappedAtThePairsAndSaidSo() throws IOException {
        Path dir = tmp.resolve("many-tasks");
        assertThat(repsim("slurm", EXAMPLE.toString(), "-o", dir.toString(), "--tasks", "20")).as(err()).isZero();
        assertThat(err()).contains("repsim slurm: --tasks 20 but the run has only 9 (point, replication) pairs "
                + "(3 points × 3 replications): using 9 tasks; the other 11 would have nothing to run");
        assertThat(Files.readString(dir.resolve("slurm/run.sbatch"))).contains("#SBATCH --array=0-8\n")
                .contains("--shard env:SLURM_ARRAY_TASK_ID/9 ");
        assertThat(Files.readString(dir.resolve("run.json"))).contains("\"shards\": 9");
        assertThat(out()).contains("array job of 9 tasks");
    }

    @Test
    void submitWithoutSbatchPrintsBothJobsToSubmitByHand() throws IOException {
        Path dir = tmp.resolve("no-sbatch");
        String saved = SlurmCommand.sbatchCommand;
        try {
            SlurmCommand.sbatchCommand = tmp.resolve("no-such-sbatch").toString();
            assertThat(repsim("slurm", EXAMPLE.toString(), "-o", dir.toString(), "--tasks", "3", "--submit"))
                    .isEqualTo(ExitCodes.FAILURE);
            Path run = dir.resolve("slurm/run.sbatch");
            Path merge = dir.resolve("slurm/merge.sbatch");
            assertThat(err()).contains("cannot run sbatch").contains("submit both by hand")
                    .contains("jobid=$(sbatch --parsable " + run + ")")
                    .contains("sbatch --dependency=afterok:${jobid%%;*} " + merge);
            // the array job went in but the merge did not: only the merge is left to submit, after that job
            Path fake = tmp.resolve("fake-sbatch");
            Files.writeString(fake, "#!/bin/sh\ncase \"$*\" in *--dependency*) echo 'sbatch: error: down' >&2; exit 1;; "
                    + "esac\necho 4242\n");
            fake.toFile().setExecutable(true);
            SlurmCommand.sbatchCommand = fake.toString();
            assertThat(repsim("slurm", EXAMPLE.toString(), "-o", dir.toString(), "--tasks", "3", "--submit"))
                    .isEqualTo(ExitCodes.FAILURE);
            assertThat(out()).contains("array job 4242 submitted");
            assertThat(err()).contains("array job 4242 is submitted; submit the merge by hand")
                    .contains("sbatch --dependency=afterok:4242 " + merge);
        } finally {
            SlurmCommand.sbatchCommand = saved;
        }
    }

    @Test
    void aShardOfAnotherRunOrAMalformedShardIsRefusedWithExitTwo() throws IOException {
        Path dir = tmp.resolve("sharded");
        assertThat(repsim("slurm", EXAMPLE.toString(), "-o", dir.toString(), "--tasks", "2")).as(err()).isZero();
        assertThat(shortRun(dir, "--shard", "0/2")).isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("run.json is of another run").contains("3 replications there, 2 here")
                .doesNotContain("Exception");
        assertThat(shortRun(dir, "--shard", "2/2")).isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("shards are numbered 0 to 1");
        assertThat(shortRun(dir, "--shard", "env:REPSIM_NO_SUCH_VARIABLE/2")).isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("REPSIM_NO_SUCH_VARIABLE is not set");
        assertThat(repsim("merge", tmp.resolve("nothing").toString())).isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("is not a directory");
        assertThat(repsim("status", tmp.toString())).isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("has no run.json");
    }

    @Test
    void theAssignmentStaysWhenTheScenarioIsEditedWithoutChangingItsRunMatrix() throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode original = (ObjectNode) json.readTree(Path.of("examples/cycle-two-boxes.json").toFile());
        // another version: new description, other workload rate and link distance, keys in another order
        ObjectNode edited = json.createObjectNode();
        List<String> keys = new ArrayList<>();
        original.fieldNames().forEachRemaining(keys::add);
        for (int i = keys.size() - 1; i >= 0; i--) {
            edited.set(keys.get(i), original.get(keys.get(i)).deepCopy());
        }
        edited.put("description", "the same sweep, other loads");
        ((ObjectNode) edited.get("workloads").get(0).get("arrival")).put("rate", "9000/s");
        ((ObjectNode) edited.get("links").get(0)).put("distance", "300 km");
        Path a = tmp.resolve("a.json");
        Path b = tmp.resolve("b.json");
        json.writeValue(a.toFile(), original);
        json.writeValue(b.toFile(), edited);

        ExperimentPlan planA = plan(a);
        ExperimentPlan planB = plan(b);
        assertThat(planB.resolvedScenarioJson()).isNotEqualTo(planA.resolvedScenarioJson());
        int pairs = planA.totalReplications();
        assertThat(pairs).isEqualTo(6);
        for (int n = 1; n <= pairs + 2; n++) {
            assertThat(assignment(planB, n)).as("%d shards", n).isEqualTo(assignment(planA, n));
        }
        assertThat(assignment(planA, 4).get(1)).containsExactly(
                "p000 {links[wan].bandwidth=400 Mbit/s} rep 1", "p002 {links[wan].bandwidth=1 Gbit/s} rep 1");
    }

    private ExperimentPlan plan(Path scenario) {
        List<RunRequest> launched = new ArrayList<>();
        int code = Repsim.commandLine(launched::add, new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8))
                .execute("run", scenario.toString(), "-o", tmp.resolve("unused").toString(), "--shard", "0/2");
        assertThat(code).as(err()).isZero();
        assertThat(launched.get(0).shard()).hasToString("0/2");
        return RunLauncher.plan(launched.get(0));
    }

    /** Per shard: the pairs it runs, named by point id, swept values and replication. */
    private static List<List<String>> assignment(ExperimentPlan plan, int shards) {
        Sharding s = new Sharding(shards);
        List<List<String>> out = new ArrayList<>();
        for (int k = 0; k < shards; k++) {
            List<String> pairs = new ArrayList<>();
            for (Sharding.Pair p : s.pairsOf(k, plan.points().size(), plan.replications())) {
                PlanPoint point = plan.points().get(p.pointIndex());
                pairs.add(point.id() + " " + point.params() + " rep " + p.replication());
            }
            out.add(pairs);
        }
        return out;
    }
}
