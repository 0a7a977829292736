package org.repsim.scenario.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code repsim run -o DIR} into a directory that already holds something: a run is refused unless
 * {@code --resume} (the same run) or {@code --overwrite} (any), and a refused run changes nothing;
 * shards of one run share their directory; {@code status} counts as done what {@code --resume} keeps.
 */
class RunDirectoryCommandsTest {
    private static final List<String> SHORT = List.of("--set", "run.duration=2 s", "--set", "run.warmup=0 s",
            "--replications", "1", "--threads", "1", "--quiet");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path tmp;

    private int execute(String... args) {
        out.reset();
        err.reset();
        return Repsim.standard(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).execute(args);
    }

    /** sync-baseline (three sweep points), shortened, into {@code dir}, with more arguments. */
    private int run(Path dir, String... more) {
        List<String> args = new ArrayList<>(List.of("run", "examples/sync-baseline.json", "-o", dir.toString()));
        args.addAll(SHORT);
        args.addAll(List.of(more));
        return execute(args.toArray(String[]::new));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Every file under {@code dir} by relative path, with its bytes. */
    private static Map<String, List<Byte>> files(Path dir) throws IOException {
        Map<String, List<Byte>> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(f);
                List<Byte> list = new ArrayList<>(bytes.length);
                for (byte b : bytes) {
                    list.add(b);
                }
                files.put(dir.relativize(f).toString(), list);
            }
        }
        return files;
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aRunIntoADirectoryHoldingARunIsRefusedAndChangesNothingThenResumeOrOverwrite() throws IOException {
        Path dir = tmp.resolve("out");
        assertThat(run(dir)).as(err()).isZero();
        // as an interrupted run leaves it: p000 complete, p001 started, p002 not started, no summary or report
        Files.delete(dir.resolve("runs/p001/0/done.json"));
        Files.writeString(dir.resolve("runs/p001/0/timeseries.csv.part"), "time_s\n");
        for (Path p : List.of(dir.resolve("runs/p002/0"), dir.resolve("runs/p002"))) {
            try (Stream<Path> files = Files.list(p)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Files.delete(f);
                }
            }
        }
        Files.delete(dir.resolve("runs/p002/0"));
        Files.delete(dir.resolve("runs/p002"));
        Files.delete(dir.resolve("summary.json"));
        Files.delete(dir.resolve("summary.csv"));
        Files.writeString(dir.resolve("notes.txt"), "the user's own file");
        Map<String, List<Byte>> before = files(dir);
        assertThat(before).containsKey("runs/p000/0/metrics.json");

        // the same command again, without --resume (was: p000's complete results deleted and run again)
        assertThat(run(dir)).isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains(dir + " already holds this run, 1 of 3 replications complete")
                .contains("add --resume").contains("--overwrite").doesNotContain("\tat ");
        assertThat(files(dir)).isEqualTo(before);

        // another scenario (one point instead of three): was summary of 1 point beside runs/ and charts of 3
        assertThat(run(dir, "--set", "sweep={}")).isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("already holds a run").contains("of another scenario or settings")
                .contains("the sweep points differ").contains("--overwrite to remove it").doesNotContain("add --resume");
        assertThat(files(dir)).isEqualTo(before);
        assertThat(run(dir, "--resume", "--overwrite")).isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("give one of them");
        assertThat(files(dir)).isEqualTo(before);

        // --resume runs only the two that are not complete, and keeps p000's files as they were
        assertThat(run(dir, "--resume")).as(err()).isZero();
        Map<String, List<Byte>> resumed = files(dir);
        for (String f : before.keySet()) {
            if (f.startsWith("runs/p000/")) {
                assertThat(resumed.get(f)).as(f).isEqualTo(before.get(f));
            }
        }
        assertThat(resumed).containsKeys("summary.json", "report.html", "runs/p002/0/done.json");

        // --overwrite: the earlier run's files go, the user's stay; nothing of the three points is left
        assertThat(run(dir, "--set", "sweep={}", "--overwrite")).as(err()).isZero();
        assertThat(err()).contains("--overwrite: removed the earlier run in " + dir).contains("runs/")
                .doesNotContain("notes.txt");
        assertThat(list(dir.resolve("runs"))).containsExactly("p000");
        assertThat(list(dir.resolve("charts"))).noneMatch(c -> c.startsWith("p001-") || c.startsWith("p002-")
                || c.startsWith("sweep-"));
        assertThat(Files.readString(dir.resolve("notes.txt"))).isEqualTo("the user's own file");
        assertThat(Files.readString(dir.resolve("summary.json"))).contains("\"p000\"").doesNotContain("\"p001\"");
    }

    @Test
    void overwriteRemovesTheCompareOutputThatDescribedTheEarlierRunButNotACompareDirectoryOfTheUsers()
            throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        assertThat(run(a, "--set", "sweep={}")).as(err()).isZero();
        assertThat(run(b, "--set", "sweep={}", "--seed", "1")).as(err()).isZero();
        // compare's default output: b/compare/, describing the run in b
        assertThat(execute("compare", a.toString(), b.toString(), "--unpaired")).as(err()).isZero();
        assertThat(list(b.resolve("compare"))).contains("compare.json", "compare.html");
        Files.writeString(b.resolve("notes.txt"), "the user's own file");

        // was: compare/ kept beside the new run, still describing the removed one
        assertThat(run(b, "--set", "sweep={}", "--seed", "2", "--overwrite")).as(err()).isZero();
        assertThat(err()).contains("--overwrite: removed the earlier run in " + b).contains("compare/");
        assertThat(b.resolve("compare")).doesNotExist();
        assertThat(Files.readString(b.resolve("notes.txt"))).isEqualTo("the user's own file");

        // a compare/ that compare did not write (no compare.json of its kind) is the user's: kept
        Path mine = Files.createDirectory(b.resolve("compare"));
        Files.writeString(mine.resolve("compare.json"), "{\"my\": \"notes\"}");
        assertThat(run(b, "--set", "sweep={}", "--overwrite")).as(err()).isZero();
        assertThat(err()).doesNotContain("compare/");
        assertThat(Files.readString(mine.resolve("compare.json"))).isEqualTo("{\"my\": \"notes\"}");
    }

    @Test
    void anEmptyDirectoryOrOneOfOtherFilesIsUsedAsIs() throws IOException {
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        assertThat(run(empty, "--set", "sweep={}")).as(err()).isZero();
        Path other = Files.createDirectory(tmp.resolve("other"));
        Files.writeString(other.resolve("notes.txt"), "mine");
        assertThat(run(other, "--set", "sweep={}")).as(err()).isZero();
        assertThat(Files.readString(other.resolve("notes.txt"))).isEqualTo("mine");
        // files of a run without its run.json: whose they are is unknown, so they are not mixed with a new run
        Path stray = Files.createDirectories(tmp.resolve("stray").resolve("runs").resolve("p007"));
        assertThat(run(stray.getParent().getParent())).isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("holds files of a run (runs/) but no run.json");
        assertThat(run(stray.getParent().getParent(), "--resume")).isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("cannot resume").contains("but no run.json");
        assertThat(list(stray.getParent().getParent())).containsExactly("runs");
    }

    @Test
    void shardsOfOneRunShareTheirDirectoryButAShardKeepsItsCompleteReplicationsUnlessResumed() throws IOException {
        Path dir = tmp.resolve("sharded");
        assertThat(run(dir, "--shard", "0/2")).as(err()).isZero();
        assertThat(run(dir, "--shard", "1/2")).as(err()).isZero(); // the other shard of the same run: allowed
        Map<String, List<Byte>> before = files(dir);
        // shard 0 again without --resume would run its complete replications again
        assertThat(run(dir, "--shard", "0/2")).isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("already holds 2 of the 2 replications of shard 0/2, complete").contains("--resume");
        assertThat(files(dir)).isEqualTo(before);
        assertThat(run(dir, "--shard", "0/2", "--overwrite")).isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("--overwrite cannot be used with --shard");
        // a run on one machine into the shards' directory: pointed to the shards and merge
        assertThat(run(dir)).isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("already holds this run in 2 shards").contains("--shard K/2 --resume")
                .contains("repsim merge");
        assertThat(files(dir)).isEqualTo(before);
        assertThat(run(dir, "--shard", "0/2", "--resume")).as(err()).isZero();
        assertThat(files(dir)).isEqualTo(before);
        assertThat(execute("merge", dir.toString())).as(err()).isZero();
        // a shard of another run into it is refused, as before
        assertThat(run(dir, "--shard", "1/2", "--seed", "9")).isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("seed");
    }

    @Test
    void aRunWrittenByAnEarlierResultsFormatIsRefusedSayingSoNotBlamingTheScenario() throws IOException {
        Path dir = tmp.resolve("old");
        assertThat(run(dir)).as(err()).isZero();
        Path runJson = dir.resolve("run.json");
        String now = Files.readString(runJson);
        assertThat(now).contains("\"format\": 2,");
        // as the previous build wrote them: run.json without a format, link rates resolved in bytes per second
        Files.writeString(runJson, now.replaceFirst("\\s*\"format\": 2,", ""));
        Path resolved = dir.resolve("scenario.resolved.json");
        String text = Files.readString(resolved);
        assertThat(text).contains("bit/s");
        Files.writeString(resolved, text.replace("bit/s\"", "B/s\""));
        Files.delete(dir.resolve("runs/p001/0/done.json"));
        Map<String, List<Byte>> before = files(dir);

        String written = "was written by an earlier repsim (results format 1; this one writes format 2): results of "
                + "the two versions differ and cannot be mixed; use a new output directory, or --overwrite";
        assertThat(run(dir)).isEqualTo(2);
        assertThat(err()).contains(written).doesNotContain("another scenario").doesNotContain("differs");
        assertThat(run(dir, "--resume")).isEqualTo(2);
        assertThat(err()).contains("cannot resume: " + dir + " " + written + " instead of --resume")
                .doesNotContain("the scenario, seed, replications, sweep or sharding changed");
        assertThat(files(dir)).as("nothing written or removed").isEqualTo(before);

        // a shard of the same run, written by the earlier repsim
        Path sharded = tmp.resolve("old-shards");
        assertThat(run(sharded, "--shard", "0/2")).as(err()).isZero();
        Path shardJson = sharded.resolve("run.json");
        Files.writeString(shardJson, Files.readString(shardJson).replaceFirst("\\s*\"format\": 2,", ""));
        assertThat(run(sharded, "--shard", "1/2")).isEqualTo(2);
        assertThat(err()).contains(sharded + " was written by an earlier repsim (results format 1")
                .contains("finish the run with the repsim that started it").doesNotContain("is of another run");

        assertThat(run(dir, "--overwrite")).as(err()).isZero();
        assertThat(Files.readString(runJson)).contains("\"format\": 2,");
    }

    @Test
    void statusVerifyCountsAsDoneOnlyWhatResumeKeepsAndNamesTheDamaged() throws IOException {
        Path dir = tmp.resolve("one");
        assertThat(run(dir)).as(err()).isZero();
        assertThat(execute("status", "--verify", dir.toString())).isZero();
        assertThat(out()).contains("3/3 replications done (files verified against their digests)")
                .doesNotContain("damaged");
        Files.writeString(dir.resolve("runs/p001/0/metrics.json"), "x\n", java.nio.file.StandardOpenOption.APPEND);

        // was: 3/3 done (its done.json is there) while --resume runs it again
        assertThat(execute("status", "--verify", dir.toString())).isZero();
        assertThat(out()).contains("2/3 replications done (files verified against their digests), 1 damaged "
                + "(will rerun)").contains("damaged, will rerun: p001/0");
        String[] p001 = Arrays.stream(out().split("\\R")).filter(l -> l.startsWith("p001")).findFirst().orElseThrow()
                .trim().split("\\s+");
        assertThat(p001[1]).isEqualTo("0/1");
        assertThat(p001[3]).isEqualTo("1");

        assertThat(run(dir, "--resume")).as(err()).isZero();
        assertThat(execute("status", "--verify", dir.toString())).isZero();
        assertThat(out()).contains("3/3 replications done").doesNotContain("damaged");
    }

    @Test
    void statusReadsNoResultFileButFindsAMissingOneAndSaysWhatItChecked() throws IOException {
        Path dir = tmp.resolve("quick");
        assertThat(run(dir)).as(err()).isZero();
        // changed in place, same size: only the digests tell; status (polled during long runs) does not read the
        // files (it hashed every one of every replication: tens of GB for a 64-box group), --verify does
        Path series = dir.resolve("runs/p001/0/timeseries.csv");
        byte[] bytes = Files.readAllBytes(series);
        bytes[bytes.length - 2] = (byte) (bytes[bytes.length - 2] == '1' ? '2' : '1');
        Files.write(series, bytes);
        assertThat(execute("status", dir.toString())).isZero();
        assertThat(out()).contains("3/3 replications done (files present; `repsim status --verify " + dir
                + "` checks their contents)").doesNotContain("damaged");
        assertThat(execute("status", "--verify", dir.toString())).isZero();
        assertThat(out()).contains("2/3 replications done (files verified against their digests), 1 damaged")
                .contains("damaged, will rerun: p001/0");
        // a refused run counts the same way, reading no result file
        assertThat(run(dir)).isEqualTo(2);
        assertThat(err()).contains("already holds this run, 3 of 3 replications complete (their files present)");

        // a file missing is found without reading any
        Files.delete(dir.resolve("runs/p002/0/metrics.json"));
        assertThat(execute("status", dir.toString())).isZero();
        assertThat(out()).contains("2/3 replications done (files present;").contains("1 damaged (will rerun)")
                .contains("damaged, will rerun: p002/0 (done.json is there, but a file is missing or empty;");
    }

    @Test
    void resumeRunsExactlyWhatStatusVerifyDoesNotCountAsDone() throws IOException {
        Path dir = tmp.resolve("agree");
        assertThat(run(dir)).as(err()).isZero();
        Files.writeString(dir.resolve("runs/p002/0/timeseries.csv"), "tampered\n");
        assertThat(execute("status", "--verify", dir.toString())).isZero();
        int done = Integer.parseInt(out().replaceAll("(?s).*: ([0-9]+)/3 replications done.*", "$1"));
        List<String> args = new ArrayList<>(List.of("run", "examples/sync-baseline.json", "-o", dir.toString(),
                "--set", "run.duration=2 s", "--set", "run.warmup=0 s", "--replications", "1", "--threads", "1",
                "--resume"));
        assertThat(execute(args.toArray(String[]::new))).as(err()).isZero();
        assertThat(out()).contains((3 - done) + " replication(s) run").contains(done + " resumed");
        assertThat(done).isEqualTo(2);
    }

    @Test
    void aTraceProblemIsFoundByValidateAndRunWritesNothing() throws IOException {
        Path traces = Files.createDirectories(tmp.resolve("traces"));
        Files.writeString(traces.resolve("bad.csv"), "this is not an MSR line\n");
        String example = Files.readString(Path.of("examples/trace-replay.json"));
        Path trbad = Files.writeString(tmp.resolve("trbad.json"), example.replaceAll("\"path\": \"[^\"]*\"",
                "\"path\": \"traces/bad.csv\""));
        assertThat(execute("validate", trbad.toString())).isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("workloads[0].trace.path (line ").contains("bad.csv line 1: ");
        assertThat(execute("run", trbad.toString(), "-o", tmp.resolve("out-bad").toString(), "--quiet"))
                .isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("workloads[0].trace.path (line ").doesNotContain("replication:");
        assertThat(tmp.resolve("out-bad")).doesNotExist();

        // two trace devices, one volume and no "disks": was exit 1, "simulation failed ... IllegalArgumentException"
        Files.copy(Path.of("examples/traces/web-msr.csv.gz"), traces.resolve("web-msr.csv.gz"));
        String oneVolume = example.replaceAll("\"path\": \"[^\"]*\"", "\"path\": \"traces/web-msr.csv.gz\"")
                .replaceAll("(?s),\\s*\"disks\": \\{[^}]*\\}", "")
                .replaceAll("(?s)\"volumes\": \\[\\s*\"r1/web0\",\\s*\"r1/web1\"\\s*\\]", "\"volumes\": [\"r1/web0\"]");
        assertThat(oneVolume).doesNotContain("\"disks\"").contains("[\"r1/web0\"]");
        Path trdev = Files.writeString(tmp.resolve("trdev.json"), oneVolume);
        assertThat(execute("validate", trdev.toString())).isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("workloads[0].trace.disks (line ").contains("device #2");
        assertThat(execute("run", trdev.toString(), "-o", tmp.resolve("out-dev").toString(), "--quiet"))
                .isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("workloads[0].trace.disks").doesNotContain("Exception")
                .doesNotContain("simulation failed");
        assertThat(tmp.resolve("out-dev")).doesNotExist();
    }
}
