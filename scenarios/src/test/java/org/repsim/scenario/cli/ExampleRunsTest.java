package org.repsim.scenario.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped example runs end to end through {@code repsim run} (shortened), its result files
 * hash to the digest pinned in {@code golden-digests.properties} — so any change of behaviour is
 * visible in review — and a parallel run gives the very same files.
 *
 * <p>After an intended change, regenerate the pins with
 * {@code mvn -pl scenarios test -Dtest=ExampleRunsTest -Drepsim.updateGolden=true} and commit
 * the file with the change that explains it.
 */
class ExampleRunsTest {
    static final Path EXAMPLES = Path.of("examples");
    static final Path GOLDEN = Path.of("src/test/resources/golden-digests.properties");
    /** Per-example --set overrides that shorten the run (lines {@code file: path=value; path=value}). */
    static final Path OVERRIDES = Path.of("src/test/resources/example-overrides.txt");
    /** Overrides for an example without a line of its own. */
    static final String DEFAULT_OVERRIDES = "run.duration=6 s; run.warmup=1 s";

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void runsAndMatchesItsPinnedDigest(Path example, @TempDir Path tmp) throws IOException {
        Path sequential = tmp.resolve("seq");
        Path parallel = tmp.resolve("par");
        run(example, sequential, "1");
        run(example, parallel, "2");
        assertThat(Files.exists(sequential.resolve("report.html"))).isTrue();
        String digest = digest(sequential);
        assertThat(digest(parallel)).as("parallel run gives the same files").isEqualTo(digest);

        String name = example.getFileName().toString();
        TreeMap<String, String> pins = readPins();
        if (Boolean.getBoolean("repsim.updateGolden")) {
            synchronized (ExampleRunsTest.class) {
                TreeMap<String, String> now = readPins();
                now.put(name, digest);
                writePins(now);
            }
            return;
        }
        assertThat(pins).as("a pinned digest for %s (regenerate with -Drepsim.updateGolden=true)", name)
                .containsKey(name);
        assertThat(digest).as("result digest of %s: behaviour changed? Regenerate the pins with "
                + "-Drepsim.updateGolden=true and explain the change in the commit", name).isEqualTo(pins.get(name));
    }

    private static void run(Path example, Path out, String threads) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("run", example.toString(), "-o", out.toString(), "--threads", threads));
        for (String set : overrides(example.getFileName().toString()).split(";")) {
            if (!set.isBlank()) {
                args.addAll(List.of("--set", set.trim()));
            }
        }
        args.addAll(List.of("--replications", "2", "--quiet"));
        int code = Repsim.standard(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).execute(args.toArray(String[]::new));
        assertThat(code).as("exit code of %s; stderr: %s", example, err.toString(StandardCharsets.UTF_8)).isZero();
    }

    private static String overrides(String example) {
        try {
            for (String line : Files.readAllLines(OVERRIDES)) {
                if (line.startsWith(example + ":")) {
                    return line.substring(example.length() + 1);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return DEFAULT_OVERRIDES;
    }

    /** SHA-256 over summary.json, summary.csv and every file under runs/, by relative path. */
    static String digest(Path dir) throws IOException {
        MessageDigest sha = sha256();
        List<Path> files = new ArrayList<>(List.of(dir.resolve("summary.json"), dir.resolve("summary.csv")));
        try (Stream<Path> runs = Files.walk(dir.resolve("runs"))) {
            runs.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        for (Path f : files) {
            sha.update(dir.relativize(f).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
            sha.update(Files.readAllBytes(f));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TreeMap<String, String> readPins() {
        TreeMap<String, String> pins = new TreeMap<>();
        if (!Files.exists(GOLDEN)) {
            return pins;
        }
        try {
            for (String line : Files.readAllLines(GOLDEN)) {
                int eq = line.indexOf('=');
                if (!line.startsWith("#") && eq > 0) {
                    pins.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pins;
    }

    private static void writePins(Map<String, String> pins) throws IOException {
        StringBuilder b = new StringBuilder("# SHA-256 of each example's result files (ExampleRunsTest); regenerate "
                + "with -Drepsim.updateGolden=true\n");
        pins.forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        Files.writeString(GOLDEN, b.toString());
    }
}
