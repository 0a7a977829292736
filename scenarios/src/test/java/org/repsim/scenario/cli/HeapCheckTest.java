package org.repsim.scenario.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repsim.scenario.spec.ScenarioException;
import org.repsim.scenario.spec.SweepPoint;
import org.repsim.scenario.validate.ScenarioSource;

/**
 * The warning a run gives before it starts when its caches, once full, would take most of the
 * heap. sync-baseline (three sweep points) has two caches that hold 1 Mi slots each (128 GiB of 128 KiB tracks over 1 TiB
 * volumes): 5 bytes a slot and an index of 1.5 Mi places of 4 bytes, 11 MiB a cache, 22 MiB a
 * replication.
 */
class HeapCheckTest {
    private static final long MIB = 1 << 20;

    @TempDir
    Path dir;

    private static List<SweepPoint> points(String... pathsAndValues) throws ScenarioException {
        ScenarioSource source = ScenarioSource.read(Path.of("examples/sync-baseline.json"));
        for (int i = 0; i < pathsAndValues.length; i += 2) {
            source = source.with(pathsAndValues[i], pathsAndValues[i + 1]);
        }
        return source.sweepPoints();
    }

    @Test
    void cachesWithinFourFifthsOfTheHeapAreNotWarnedOfAndOneByteMoreIs() throws ScenarioException {
        List<SweepPoint> points = points();
        // two replications at once: 44 MiB, four fifths of 55 MiB exactly
        assertThat(HeapCheck.warning(points, 3, 2, 55 * MIB)).isEmpty();
        assertThat(HeapCheck.warning(points, 3, 2, 55 * MIB - 8)).isPresent();
        assertThat(HeapCheck.warning(points, 3, 1, 28 * MIB)).isEmpty();
        assertThat(HeapCheck.warning(points, 3, 1, 27 * MIB)).isPresent();
    }

    @Test
    void theWarningSaysWhatRunsAtOnceWhatItTakesAndWhatToDo() throws ScenarioException {
        String several = HeapCheck.warning(points(), 3, 2, 50 * MIB).orElseThrow();
        assertThat(several).startsWith("repsim: warning: the caches of the 2 replications that run at once take up to "
                        + "44.0 MiB once full (the largest point, p000: 2 caches, 2097152 slots, "
                        + "22.0 MiB a replication)")
                .contains("this JVM's maximum heap is 50.0 MiB", "-Xmx", "or run fewer replications at once (--threads 1)",
                        "docs/performance.md \"Memory\"");
        String one = HeapCheck.warning(points(), 1, 1, 20 * MIB).orElseThrow();
        assertThat(one).startsWith("repsim: warning: this run's caches take up to 22.0 MiB once full "
                + "(point p000: 2 caches, 2097152 slots)").doesNotContain("--threads");
        // more threads than replications: only the replications there are run at once (3 points, 1 each)
        assertThat(HeapCheck.warning(points(), 1, 8, 20 * MIB).orElseThrow()).contains("the 3 replications", "66.0 MiB");
    }

    @Test
    void theReplicationsThatRunAtOnceAreCountedFromTheLargestPoints() throws ScenarioException {
        // caches of 16, 128 and 64 GiB: 2.75, 22 and 11 MiB a replication
        List<SweepPoint> points = points("sweep", "{\"boxes[r1].cache.size\": [\"16 GiB\", \"128 GiB\", \"64 GiB\"]}");
        assertThat(points).hasSize(3);
        assertThat(HeapCheck.warning(points, 1, 2, 10 * MIB).orElseThrow())
                .contains("the 2 replications that run at once take up to 33.0 MiB", "the largest point, p001");
        assertThat(HeapCheck.warning(points, 2, 3, 10 * MIB).orElseThrow()).contains("take up to 55.0 MiB");
        assertThat(HeapCheck.warning(points, 2, 8, 10 * MIB).orElseThrow()).contains("the 6 replications", "71.5 MiB");
    }

    @Test
    void runWarnsBeforeItStartsAndStillRuns() {
        long max = Runtime.getRuntime().maxMemory();
        // 32 TiB caches over 32 TiB volumes: 256 Mi slots, 2.75 GiB a cache once full
        assumeTrue(max < 5L * 1024 * MIB, "the build runs tests with -Xmx2g");
        List<RunRequest> launched = new ArrayList<>();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Repsim.commandLine(launched::add, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).execute("run", "examples/sync-baseline.json",
                "--set", "boxes[r1].cache.size=32 TiB", "--set", "boxes[r1].volumes[db].size=32 TiB", "--threads", "1",
                "-o", dir.resolve("out").toString());
        assertThat(exit).isZero();
        assertThat(launched).hasSize(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith(
                "repsim: warning: this run's caches take up to 5632.0 MiB once full");
    }

    @Test
    void runOfAnExampleSaysNothingOfItsHeap() {
        List<RunRequest> launched = new ArrayList<>();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Repsim.commandLine(launched::add, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).execute("run", "examples/sync-baseline.json",
                "-o", dir.resolve("out").toString());
        assertThat(exit).isZero();
        assertThat(launched).hasSize(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void validatePrintsEachPointsCacheMemoryWhenAsked() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = Repsim.commandLine(launched -> { }, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .execute("validate", "--memory", "examples/sync-baseline.json", "examples/cycle-sweep.json");
        assertThat(exit).isZero();
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("OK examples/sync-baseline.json (scenario 'sync-baseline', 3 points)\n"
                + "  p000: caches 22.0 MiB when full (2 caches, 2097152 slots; the largest 11.0 MiB, box r1)\n"
                + "  p001: caches 22.0 MiB when full (2 caches, 2097152 slots; the largest 11.0 MiB, box r1)\n"
                + "  p002: caches 22.0 MiB when full (2 caches, 2097152 slots; the largest 11.0 MiB, box r1)\n");
        // cycle-sweep: 64 GiB caches, six points
        assertThat(text.lines().filter(l -> l.endsWith("caches 11.0 MiB when full (2 caches, 1048576 slots; the largest 5.5 MiB, box r1)")))
                .hasSize(6);
    }

    private int execute(ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
        return Repsim.commandLine(launched -> { }, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).execute(args);
    }

    @Test
    void slurmWarnsBeforeSubmittingTasksWhoseHeapTheirCachesWouldFill() {
        // the 64-box group: 2816 MiB of caches a replication; --mem 4G gives a task's JVM 3072 MiB of heap
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(execute(out, err, "slurm", "bench/group-64-host.json", "-o", dir.resolve("a").toString(), "--tasks", "2",
                "--mem", "4G", "--cpus-per-task", "2", "--replications", "4")).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("repsim slurm: warning: the caches of the 2 replications "
                + "that run at once take up to 5632.0 MiB").contains("a task's heap (75 % of --mem 4G) is 3072.0 MiB",
                "ask for more memory per task (--mem) or run fewer replications at once (--cpus-per-task 1)");
        assertThat(dir.resolve("a/slurm/run.sbatch")).exists();
        // one replication at once in 6 GiB (4608 MiB of heap; the host group's hour needs about 3.7 GiB);
        // without --mem the nodes' heap is unknown: nothing said
        for (String[] args : List.of(new String[] {"--mem", "6144"}, new String[] {})) {
            err.reset();
            List<String> command = new ArrayList<>(List.of("slurm", "bench/group-64-host.json", "-o",
                    dir.resolve("b" + args.length).toString(), "--tasks", "2", "--replications", "2"));
            command.addAll(List.of(args));
            assertThat(execute(out, err, command.toArray(String[]::new))).isZero();
            assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        }
    }

    @Test
    void slurmRefusesAMemoryItCannotReadAndWritesNothing() {
        for (String mem : List.of("4 G", "4GB", "-1", "8G;rm", "")) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Path out = dir.resolve("m" + Math.abs(mem.hashCode()));
            assertThat(execute(new ByteArrayOutputStream(), err, "slurm", "examples/sync-baseline.json", "-o", out.toString(),
                    "--tasks", "2", "--mem", mem)).as(mem).isEqualTo(ExitCodes.INVALID);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("--mem takes a whole number with an optional unit", "'" + mem + "'")
                    .doesNotContain("Exception");
            assertThat(out).doesNotExist();
        }
    }
}
