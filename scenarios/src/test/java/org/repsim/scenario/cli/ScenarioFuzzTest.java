package org.repsim.scenario.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repsim.scenario.build.ShortRun;
import org.repsim.scenario.spec.Scenario;
import org.repsim.scenario.spec.SweepPoint;
import org.repsim.scenario.validate.ScenarioSource;

/**
 * Mutants of every shipped example and benchmark scenario ({@link ScenarioMutator}), each put
 * through {@code repsim validate} and, when valid, a short run of its model. The contract:
 * validate exits 0 or 2, never prints an exception class name or a stack trace, and names each
 * problem's path with a sentence; a scenario that validates builds and runs (its run is cut short
 * at a budget of simulated events, not of wall time). Failing mutants are printed as JSON, to be
 * kept as regression cases. {@code -Drepsim.fuzz.seed=N} and {@code -Drepsim.fuzz.mutants=N}
 * change the sample.
 */
class ScenarioFuzzTest {

    private static final long SEED = Long.getLong("repsim.fuzz.seed", 20261206L);
    private static final int MUTANTS = Integer.getInteger("repsim.fuzz.mutants", 300);
    /** A valid mutant runs at most this long in simulated time... */
    private static final long RUN_NS = 1_000_000_000L;
    /** ...sampled this often (each sample is where the event budget is checked)... */
    private static final int SAMPLES = 1000;
    /** ...and is stopped once its kernel has fired this many events. */
    private static final long EVENT_BUDGET = 200_000;

    /** An exception class name ("IllegalArgumentException", "java.lang.Foo") or a stack frame. */
    private static final Pattern LEAK = Pattern.compile("\\w*(Exception|Error)\\b|\\bjava\\.[a-z]+\\.|\\borg\\.repsim\\.|^\\s+at \\S+\\(",
            Pattern.MULTILINE);
    /** A problem line: a path or "(scenario)", an optional location, a colon and a sentence. */
    private static final Pattern PROBLEM = Pattern.compile("^(\\(scenario\\)|[^\\s(][^\\s]*)( \\(line \\d+, col \\d+\\))?: \\S.*$");

    /** A run failure about a trace file's content: "simulation failed in TraceX.y at t=…: …: web.csv.gz:2: …". */
    private static final Pattern TRACE_DATA = Pattern.compile("in Trace\\w+\\.\\w+ at t=.*: [^\\s:]+:\\d+: ");

    @TempDir
    Path dir;

    @Test
    void mutantsOfTheShippedScenariosGetAClearAnswer() throws IOException {
        copyTree(Path.of("examples/traces"), dir.resolve("traces"));
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> examples = Files.list(Path.of("examples")); Stream<Path> bench = Files.list(Path.of("bench"))) {
            Stream.concat(examples, bench).filter(p -> p.toString().endsWith(".json")).sorted().forEach(sources::add);
        }
        sources.add(Path.of("src/test/resources/full-format.json")); // every key of the format
        assertThat(sources).hasSizeGreaterThanOrEqualTo(12);
        ScenarioMutator mutator = new ScenarioMutator(SEED);
        Random pick = new Random(SEED);
        List<String> failures = new ArrayList<>();
        int invalid = 0;
        int ran = 0;
        int budget = 0;
        long started = System.nanoTime();
        long[] validateNs = {0};
        long[] runNs = {0};
        for (int n = 0; n < MUTANTS; n++) {
            Path source = sources.get(n % sources.size());
            ScenarioMutator.Mutant mutant = mutator.mutate(Files.readString(source));
            Path file = dir.resolve("mutant-" + n + ".json");
            Files.write(file, mutant.bytes());
            long t0 = System.nanoTime();
            Outcome o = check(file, pick);
            (o.exit == ExitCodes.OK ? runNs : validateNs)[0] += System.nanoTime() - t0;
            if (o.exit == ExitCodes.INVALID) {
                invalid++;
            } else if (o.failure == null) {
                ran++;
                budget += o.stoppedAtBudget ? 1 : 0;
            }
            if (o.failure != null) {
                failures.add(report(n, source, mutant, o.failure));
            }
        }
        System.out.printf(java.util.Locale.ROOT, "fuzz: %d mutants (seed %d): %d invalid, %d valid and run (%d stopped at"
                        + " the %d-event budget), %d failing; %.1f s (invalid ones %.1f s, valid ones validated and run %.1f s)%n",
                MUTANTS, SEED, invalid, ran, budget, EVENT_BUDGET, failures.size(), (System.nanoTime() - started) / 1e9,
                validateNs[0] / 1e9, runNs[0] / 1e9);
        failures.forEach(System.out::println);
        assertThat(failures).as("failing mutants (printed as JSON above)").isEmpty();
        // the sample must exercise both answers, or the mutator has stopped doing its job
        assertThat(invalid).isGreaterThan(MUTANTS / 4);
        assertThat(ran).isGreaterThan(MUTANTS / 20);
    }

    private record Outcome(int exit, String failure, boolean stoppedAtBudget) {
    }

    private Outcome check(Path file, Random pick) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try {
            exit = Repsim.commandLine(null, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8)).execute("validate", file.toString());
        } catch (Throwable t) {
            return new Outcome(-1, "validate threw " + t, false);
        }
        String stdout = out.toString(StandardCharsets.UTF_8);
        String stderr = err.toString(StandardCharsets.UTF_8);
        if (exit != ExitCodes.OK && exit != ExitCodes.INVALID) {
            return new Outcome(exit, "validate exited " + exit + ": " + stderr, false);
        }
        if (LEAK.matcher(stdout + stderr).find()) {
            return new Outcome(exit, "validate printed an exception or stack trace: " + stdout + stderr, false);
        }
        if (exit == ExitCodes.INVALID) {
            List<String> lines = stderr.lines().toList();
            if (lines.size() < 2 || !lines.get(0).contains("invalid scenario")) {
                return new Outcome(exit, "exit 2 without the problems: " + stderr, false);
            }
            for (String line : lines.subList(1, lines.size())) {
                if (!PROBLEM.matcher(line).matches() || line.endsWith(": null")) {
                    return new Outcome(exit, "a problem without a path and a sentence: " + line, false);
                }
            }
            return new Outcome(exit, null, false);
        }
        return shortRun(file, pick);
    }

    /** Builds and runs one sweep point of a valid mutant for at most {@link #RUN_NS} of simulated time. */
    private Outcome shortRun(Path file, Random pick) {
        Scenario full;
        try {
            List<SweepPoint> points = ScenarioSource.read(file).sweepPoints();
            full = points.get(pick.nextInt(points.size())).scenario();
        } catch (Exception e) {
            return new Outcome(0, "validate said OK but loading failed: " + e, false);
        }
        ShortRun.Outcome o = ShortRun.of(full, file.getParent(), RUN_NS, SAMPLES, EVENT_BUDGET);
        if (o.failure() != null && TRACE_DATA.matcher(o.failure()).find()) {
            // what a trace file holds (its device ids, its time order) is read while replaying, not
            // at validation; the run fails naming the file and line (exit 1), which is the contract
            return new Outcome(0, null, false);
        }
        return new Outcome(0, o.failure(), o.stoppedAtBudget());
    }

    /** The failing mutant as one line of JSON: enough to replay it or keep it as a regression case. */
    private static String report(int n, Path source, ScenarioMutator.Mutant mutant, String failure) {
        ObjectNode o = new ObjectMapper().createObjectNode();
        o.put("seed", SEED);
        o.put("mutant", n);
        o.put("source", source.toString());
        o.putPOJO("mutations", mutant.mutations());
        o.put("failure", failure);
        try {
            o.put("text", StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(mutant.bytes())).toString());
        } catch (CharacterCodingException e) {
            o.put("base64", Base64.getEncoder().encodeToString(mutant.bytes()));
        }
        return o.toString();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
