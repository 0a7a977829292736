package org.repsim.scenario.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repsim.report.html.HeadlessChromium;

/**
 * The report of a shipped example (the README's, shortened) opened in headless Chromium: every
 * chart image loads, the sweep table sorts, the page raises no error; a screenshot is kept under
 * {@code target/}.
 */
class ExampleReportBrowserTest {
    private static final Path SCREENSHOT = Path.of("target", "example-report-screenshot.png");

    @TempDir
    Path tmp;

    @Test
    void theReportOfTheMainExampleLoadsCompletelyWithoutErrors() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.require(tmp);
        Path out = tmp.resolve("out");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Repsim.standard(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).execute("run", "examples/cycle-two-boxes.json",
                "-o", out.toString(), "--set", "run.duration=12 s", "--set", "run.warmup=2 s",
                "--set", "replication.consistency.minNumberTime=2 s",
                "--set", "workloads[oltp].arrival.rate=1500/s", "--replications", "2", "--quiet");
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();

        HeadlessChromium.SelfTest t = chromium.selfTest(out.resolve("report.html"));
        assertThat(t.imagesTotal()).as("charts on the page").isGreaterThan(20);
        assertThat(t.imagesLoaded()).isEqualTo(t.imagesTotal());
        assertThat(t.sort()).isEqualTo("ok");
        assertThat(t.errors()).as("errors caught: %s", t.messages()).isZero();

        chromium.screenshot(out.resolve("report.html"), SCREENSHOT, 1200, 3000);
        BufferedImage shot = ImageIO.read(SCREENSHOT.toFile());
        assertThat(shot.getWidth()).isEqualTo(1200);
    }
}
