package org.repsim.scenario.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The README's picture is a chart of the shipped example's report, and stays current: the image
 * sits in {@code docs/images/} with a fingerprint of what made it — the example file, its pinned
 * result digest ({@code golden-digests.properties}, which changes with any change of model
 * behaviour) and the sources of the {@code reports} module, which draw it (Java files without
 * their comments and blank space, so that rewording a comment does not call for a new image). When any of them
 * changes this test fails until the image is regenerated:
 *
 * <pre>
 *   scripts/readme-image.sh
 * </pre>
 * which runs this test with {@code -Drepsim.updateReadmeImage=true}: it runs the example exactly as
 * the README's set-up command does, copies the chart and writes the new fingerprint.
 */
class ReadmeImageTest {
    static final String EXAMPLE = "scenarios/examples/cycle-two-boxes.json";
    static final String CHART = "charts/sweep-rpo.lag.max-by-0.png";
    static final String IMAGE = "docs/images/cycle-two-boxes-rpo-by-bandwidth.png";
    static final String FINGERPRINT = "docs/images/cycle-two-boxes-rpo-by-bandwidth.fingerprint";

    static Path root() {
        return TutorialScenariosTest.docs().getParent();
    }

    /** What the image was made from: key → SHA-256 or pin. */
    static Map<String, String> fingerprint(Path root) throws IOException {
        Map<String, String> f = new TreeMap<>();
        f.put("example", sha256(List.of(root.resolve(EXAMPLE)), root));
        String pin = null;
        for (String line : Files.readAllLines(root.resolve("scenarios/src/test/resources/golden-digests.properties"))) {
            if (line.startsWith("cycle-two-boxes.json=")) {
                pin = line.substring(line.indexOf('=') + 1).trim();
            }
        }
        assertThat(pin).as("a golden pin for cycle-two-boxes.json").isNotNull();
        f.put("golden", pin);
        try (Stream<Path> files = Files.walk(root.resolve("reports/src/main"))) {
            f.put("reports", sha256(files.filter(Files::isRegularFile).sorted().toList(), root));
        }
        return f;
    }

    @Test
    void theReadmeShowsTheImage() throws IOException {
        String readme = Files.readString(root().resolve("README.md"));
        assertThat(readme).contains("(" + IMAGE + ")");
    }

    @Test
    void theImageIsCurrent() throws IOException {
        Path root = root();
        if (Boolean.getBoolean("repsim.updateReadmeImage")) {
            regenerate(root);
        }
        Path image = root.resolve(IMAGE);
        assertThat(image).as("the README's image").exists();
        BufferedImage png = ImageIO.read(image.toFile());
        assertThat(png).as("%s is a PNG", IMAGE).isNotNull();
        assertThat(png.getWidth()).as("screenshot-sized").isBetween(600, 1600);

        Map<String, String> recorded = new TreeMap<>();
        for (String line : Files.readAllLines(root.resolve(FINGERPRINT))) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                recorded.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        assertThat(fingerprint(root)).as("%s was made from the current example, model behaviour and report code: "
                + "if not, regenerate it with scripts/readme-image.sh and commit the image and its fingerprint", IMAGE)
                .isEqualTo(recorded);
    }

    /** Runs the example as the README's set-up does, copies the chart, writes the fingerprint. */
    private static void regenerate(Path root) throws IOException {
        Path out = Files.createTempDirectory("readme-image");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Repsim.standard(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
                .execute("run", root.resolve(EXAMPLE).toString(), "-o", out.toString(), "--quiet");
        assertThat(code).as("repsim run %s: %s", EXAMPLE, err.toString(StandardCharsets.UTF_8)).isZero();
        Files.createDirectories(root.resolve(IMAGE).getParent());
        Files.copy(out.resolve(CHART), root.resolve(IMAGE), StandardCopyOption.REPLACE_EXISTING);
        StringBuilder b = new StringBuilder("# What " + IMAGE + " was made from (ReadmeImageTest; regenerate with "
                + "scripts/readme-image.sh)\n");
        fingerprint(root).forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        Files.writeString(root.resolve(FINGERPRINT), b.toString());
    }

    private static String sha256(List<Path> files, Path root) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path f : files) {
                sha.update(root.relativize(f).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
                sha.update(f.toString().endsWith(".java") ? withoutComments(Files.readString(f)).getBytes(StandardCharsets.UTF_8)
                        : Files.readAllBytes(f));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void rewordingACommentKeepsTheFingerprintButACodeChangeDoesNot() {
        String code = "/** Names of the old page §5. */\nfinal class A {\n    // a note\n    int x = 1; /* why */\n}\n";
        assertThat(withoutComments(code.replace("the old page", "docs/model.md").replace("a note", "another note")))
                .isEqualTo(withoutComments(code));
        assertThat(withoutComments(code.replace("x = 1", "x = 2"))).isNotEqualTo(withoutComments(code));
    }

    /** Java text without block comments, whole-line comments and blank space: what the compiler sees. */
    static String withoutComments(String java) {
        return java.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("(?m)^\\s*//.*$", " ").replaceAll("\\s+", " ").strip();
    }
}
