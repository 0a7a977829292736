package org.repsim.report.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Chromium, headless, for tests that open a generated report (shared with the
 * scenarios module through this module's test jar). Chromium is /usr/bin/chromium or chromium on
 * the PATH (or exactly the system property {@code repsim.chromium}). Without it a test is
 * skipped, except under {@code CI=true}, where a missing browser is a failure.
 */
public final class HeadlessChromium {
    private final String binary;
    private final Path profile;

    /** Output of one Chromium run. */
    public record Result(String stdout, String stderr) {
    }

    /** What a report's {@code #selftest} script found. */
    public record SelfTest(int imagesTotal, int imagesLoaded, String sort, int errors, String messages) {
    }

    private HeadlessChromium(String binary, Path profile) {
        this.binary = binary;
        this.profile = profile;
    }

    /** The browser, with a fresh profile under {@code workDir}; skips or fails the test without one. */
    public static HeadlessChromium require(Path workDir) {
        String binary = locate();
        if (binary == null) {
            if ("true".equals(System.getenv("CI"))) {
                fail("chromium is required under CI=true (apt-get install -y chromium) but was not found");
            }
            Assumptions.assumeTrue(false, "chromium not installed; browser test skipped outside CI");
        }
        return new HeadlessChromium(binary, workDir);
    }

    /** The system property {@code repsim.chromium}, when set, is the only place looked at. */
    static String locate() {
        String forced = System.getProperty("repsim.chromium");
        if (forced != null && !forced.isEmpty()) {
            return Files.isExecutable(Path.of(forced)) ? forced : null;
        }
        List<String> candidates = new ArrayList<>(List.of("/usr/bin/chromium"));
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(File.pathSeparator)) {
                candidates.add(d + "/chromium");
                candidates.add(d + "/chromium-browser");
            }
        }
        for (String c : candidates) {
            if (Files.isExecutable(Path.of(c))) {
                return c;
            }
        }
        return null;
    }

    /** Runs Chromium headless with {@code args}; fails the test on a non-zero exit or a hang. */
    public Result run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(binary, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile.resolve("chromium-profile").toAbsolutePath()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(profile, "stdout", ".txt");
        Path err = Files.createTempFile(profile, "stderr", ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        // A guard against a hung browser, not a performance limit.
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("chromium did not exit: " + cmd);
        }
        String stderr = Files.readString(err);
        assertThat(p.exitValue()).as("chromium exit code; stderr:\n%s", tail(stderr)).isZero();
        return new Result(Files.readString(out), stderr);
    }

    /** Opens {@code report.html#selftest} and reads what the page's own script found. */
    public SelfTest selfTest(Path reportHtml) throws IOException, InterruptedException {
        Result r = run("--virtual-time-budget=10000", "--enable-logging=stderr", "--v=0", "--dump-dom",
                reportHtml.toAbsolutePath().toUri() + "#selftest");
        Matcher pre = Pattern.compile("<pre id=\"selftest-result\"([^>]*)>([^<]*)</pre>").matcher(r.stdout());
        assertThat(pre.find()).as("self-test result in the DOM:\n%s", tail(r.stdout())).isTrue();
        String attrs = pre.group(1);
        List<String> console = r.stderr().lines().filter(l -> l.contains("CONSOLE") || l.contains("Uncaught")).toList();
        return new SelfTest(Integer.parseInt(attr(attrs, "data-images-total")),
                Integer.parseInt(attr(attrs, "data-images-loaded")), attr(attrs, "data-sort"),
                Integer.parseInt(attr(attrs, "data-errors")) + console.size(),
                pre.group(2) + String.join("\n", console));
    }

    /** A screenshot of the page at {@code width} × {@code height} pixels. */
    public void screenshot(Path reportHtml, Path png, int width, int height) throws IOException, InterruptedException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.deleteIfExists(png);
        run("--hide-scrollbars", "--window-size=" + width + "," + height, "--virtual-time-budget=10000",
                "--screenshot=" + png.toAbsolutePath(), reportHtml.toAbsolutePath().toUri().toString());
    }

    private static String attr(String attrs, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(attrs);
        assertThat(m.find()).as("attribute %s in %s", name, attrs).isTrue();
        return m.group(1);
    }

    static String tail(String s) {
        return s.length() <= 3000 ? s : s.substring(s.length() - 3000);
    }
}
