package org.repsim.report.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the sweep report in headless Chromium. With {@code #selftest} in the address the page's
 * own script records, in {@code <pre id="selftest-result">}, how many images decoded, whether
 * sorting orders every sortable column, and every error or console.error it caught; the test
 * reads that from {@code --dump-dom}. Chromium is /usr/bin/chromium or chromium on the PATH
 * (or exactly the system property {@code repsim.chromium}). Without it the test is skipped,
 * except under {@code CI=true}, where a missing browser is a failure.
 */
class ReportBrowserTest {

    private static Path report;
    private static final Path SCREENSHOT = Path.of("target", "report-screenshot.png");

    @TempDir
    static Path profile;

    private static String chromium;

    @BeforeAll
    static void findChromium() {
        chromium = locate();
    }

    /** Each test is skipped (outside CI) or failed (CI=true) when there is no browser. */
    @BeforeEach
    void requireChromiumAndReport() throws IOException {
        if (chromium == null) {
            if ("true".equals(System.getenv("CI"))) {
                fail("chromium is required under CI=true (apt-get install -y chromium) but was not found");
            }
            Assumptions.assumeTrue(false, "chromium not installed; browser test skipped outside CI");
        }
        report = Synthetic.sweepReport();
    }

    /** The system property {@code repsim.chromium}, when set, is the only place looked at. */
    private static String locate() {
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

    @Test
    void everyImageLoadsSortingWorksAndThePageRaisesNoErrors() throws Exception {
        String url = report.resolve("report.html").toAbsolutePath().toUri() + "#selftest";
        Result r = run("--virtual-time-budget=10000", "--enable-logging=stderr", "--v=0", "--dump-dom", url);

        Matcher pre = Pattern.compile("<pre id=\"selftest-result\"([^>]*)>([^<]*)</pre>").matcher(r.stdout);
        assertThat(pre.find()).as("self-test result in the DOM:\n%s", tail(r.stdout)).isTrue();
        String attrs = pre.group(1);
        int total = Integer.parseInt(attr(attrs, "data-images-total"));
        assertThat(total).isEqualTo(6 * 8 + 2 * 9);
        assertThat(attr(attrs, "data-images-loaded")).isEqualTo(Integer.toString(total));
        assertThat(attr(attrs, "data-sort")).isEqualTo("ok");
        assertThat(attr(attrs, "data-errors")).as("errors caught: %s", pre.group(2)).isEqualTo("0");
        List<String> console = r.stderr.lines().filter(l -> l.contains("CONSOLE") || l.contains("Uncaught")).toList();
        assertThat(console).as("console messages").isEmpty();
    }

    @Test
    void selfTestReportsAMissingImage() throws Exception {
        Path broken = profile.resolve("broken");
        ReportWriter.write(broken, Synthetic.syncOnly());
        Files.delete(broken.resolve("charts/p00-queues.png"));
        Result r = run("--virtual-time-budget=10000", "--dump-dom",
                broken.resolve("report.html").toAbsolutePath().toUri() + "#selftest");

        Matcher pre = Pattern.compile("<pre id=\"selftest-result\"([^>]*)>([^<]*)</pre>").matcher(r.stdout);
        assertThat(pre.find()).isTrue();
        assertThat(attr(pre.group(1), "data-images-total")).isEqualTo("3");
        assertThat(attr(pre.group(1), "data-images-loaded")).isEqualTo("2");
        assertThat(pre.group(2)).contains("failed to load").contains("p00-queues.png");
    }

    @Test
    void screenshotAt1200PixelsIsKeptUnderTarget() throws Exception {
        Files.deleteIfExists(SCREENSHOT);
        run("--hide-scrollbars", "--window-size=1200,3000", "--virtual-time-budget=10000",
                "--screenshot=" + SCREENSHOT.toAbsolutePath(), report.resolve("report.html").toAbsolutePath().toUri().toString());

        BufferedImage shot = ImageIO.read(SCREENSHOT.toFile());
        assertThat(shot).isNotNull();
        assertThat(shot.getWidth()).isEqualTo(1200);
        assertThat(shot.getHeight()).isEqualTo(3000);
    }

    private record Result(String stdout, String stderr) {
    }

    private static Result run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
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

    private static String attr(String attrs, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(attrs);
        assertThat(m.find()).as("attribute %s in %s", name, attrs).isTrue();
        return m.group(1);
    }

    private static String tail(String s) {
        return s.length() <= 3000 ? s : s.substring(s.length() - 3000);
    }
}
