package org.repsim.scenario.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repsim.scenario.run.Shard;

/**
 * A run stopped from outside (Ctrl-C: SIGINT; a batch job's time limit: SIGTERM) says how many
 * replications are complete in its directory and the command that continues it, and that command
 * finishes the run. Was: exit 130 and nothing printed.
 */
class InterruptNoticeTest {

    @TempDir
    Path tmp;

    @Test
    void theNoticeSaysOnlyWhatIsTrue() {
        Path dir = Path.of("out/int");
        String resume = InterruptNotice.resumeCommand(List.of("tut/03-sweep.json", "-o", "out/int", "--set",
                "run.duration=10 min"));
        assertThat(resume).isEqualTo("repsim run tut/03-sweep.json -o out/int --set 'run.duration=10 min' --resume");
        assertThat(InterruptNotice.message(dir, null, true, 2, 8, resume)).isEqualTo("repsim: interrupted: 2 of 8 "
                + "replications complete in out/int (the others start over); continue with: " + resume);
        assertThat(InterruptNotice.message(dir, null, true, 8, 8, resume))
                .contains("all 8 replications are complete in out/int, but not its summary and report");
        assertThat(InterruptNotice.message(dir, new Shard(1, 3), true, 0, 3, resume))
                .contains("0 of 3 replications of shard 1/3 complete in out/int");
        assertThat(InterruptNotice.message(dir, new Shard(1, 3), true, 3, 3, resume))
                .contains("all 3 replications of shard 1/3 are complete").contains("repsim merge out/int");
        assertThat(InterruptNotice.message(dir, null, false, 0, -1, resume))
                .isEqualTo("repsim: interrupted before any replication ran; start it again with: " + resume);
        assertThat(InterruptNotice.quote("it's")).isEqualTo("'it'\\''s'");
    }

    /** Whether this JVM ignores SIGINT (started in the background of a shell without job control), as its children do. */
    private static boolean sigintIgnored() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseLong(line.substring(7).trim(), 16) & (1L << (2 - 1))) != 0;
            }
        }
        return false;
    }

    @Test
    void aRunStoppedBySigintOrSigtermSaysWhatIsCompleteAndResumeFinishesIt() throws Exception {
        // SIGINT cannot reach a child that inherits it ignored: SIGTERM, which runs the same hook, is sent then
        List<String> signals = new ArrayList<>();
        if (!sigintIgnored() && !System.getProperty("os.name").startsWith("Windows")) {
            signals.add("INT");
        }
        signals.add("TERM");
        for (String signal : signals) {
            Path dir = tmp.resolve("run-" + signal);
            List<String> args = List.of("examples/sync-baseline.json", "-o", dir.toString(), "--set",
                    "run.duration=40 s", "--set", "run.warmup=0 s", "--replications", "2", "--threads", "1");
            List<String> command = ShardCommandsTest.javaRepsim();
            command.add("run");
            command.addAll(args);
            Path log = tmp.resolve(signal + ".err");
            Process p = new ProcessBuilder(command).redirectError(log.toFile())
                    .redirectOutput(tmp.resolve(signal + ".out").toFile()).start();
            try {
                // stop it once a replication is complete, while the next one runs
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
                while (completeReplications(dir) == 0 && p.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(p.isAlive()).as("the run is still going once a replication is complete; log: %s",
                        Files.readString(log)).isTrue();
                if (signal.equals("INT")) {
                    assertThat(new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor()).isZero();
                } else {
                    p.destroy();
                }
                assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
            } finally {
                p.destroyForcibly();
            }
            String err = Files.readString(log);
            assertThat(p.exitValue()).as(err).isEqualTo(signal.equals("INT") ? 130 : 143);
            Matcher m = Pattern.compile("repsim: interrupted: ([0-9]+) of 6 replications complete in "
                    + Pattern.quote(dir.toString()) + " \\(the others start over\\); continue with: "
                    + "repsim run (.*) --resume").matcher(err);
            assertThat(m.find()).as(err).isTrue();
            int complete = Integer.parseInt(m.group(1));
            assertThat(complete).isBetween(1, 5);
            assertThat(m.group(2)).isEqualTo("examples/sync-baseline.json -o " + dir
                    + " --set 'run.duration=40 s' --set 'run.warmup=0 s' --replications 2");

            // what it said is what status and --resume find
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
            assertThat(Repsim.standard(new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(errBytes, true, StandardCharsets.UTF_8)).execute("status", dir.toString())).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains(complete + "/6 replications done");
            List<String> resume = new ArrayList<>(List.of("run"));
            resume.addAll(args);
            resume.add("--resume");
            out.reset();
            assertThat(Repsim.standard(new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(errBytes, true, StandardCharsets.UTF_8)).execute(resume.toArray(String[]::new)))
                    .as(errBytes.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains((6 - complete) + " replication(s) run")
                    .contains(complete + " resumed");
        }
    }

    private static int completeReplications(Path dir) throws IOException {
        Path runs = dir.resolve("runs");
        if (!Files.isDirectory(runs)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(runs)) {
            return (int) walk.filter(f -> f.getFileName().toString().equals("done.json")).count();
        }
    }
}
