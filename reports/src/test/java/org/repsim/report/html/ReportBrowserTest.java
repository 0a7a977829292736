package org.repsim.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the sweep report in headless Chromium. With {@code #selftest} in the address the page's
 * own script records, in {@code <pre id="selftest-result">}, how many images decoded, whether
 * sorting orders every sortable column, and every error or console.error it caught; the test
 * reads that from {@code --dump-dom} (see {@link HeadlessChromium}).
 */
class ReportBrowserTest {
    private static final Path SCREENSHOT = Path.of("target", "report-screenshot.png");

    @TempDir
    Path work;

    private HeadlessChromium chromium;
    private Path report;

    @BeforeEach
    void requireChromiumAndReport() throws Exception {
        chromium = HeadlessChromium.require(work);
        report = Synthetic.sweepReport();
    }

    @Test
    void everyImageLoadsSortingWorksAndThePageRaisesNoErrors() throws Exception {
        HeadlessChromium.SelfTest t = chromium.selfTest(report.resolve("report.html"));
        assertThat(t.imagesTotal()).isEqualTo(6 * 8 + 2 * 9);
        assertThat(t.imagesLoaded()).isEqualTo(t.imagesTotal());
        assertThat(t.sort()).isEqualTo("ok");
        assertThat(t.errors()).as("errors caught: %s", t.messages()).isZero();
    }

    @Test
    void selfTestReportsAMissingImage() throws Exception {
        Path broken = work.resolve("broken");
        ReportWriter.write(broken, Synthetic.syncOnly());
        Files.delete(broken.resolve("charts/p000-queues.png"));
        HeadlessChromium.SelfTest t = chromium.selfTest(broken.resolve("report.html"));
        assertThat(t.imagesTotal()).isEqualTo(3);
        assertThat(t.imagesLoaded()).isEqualTo(2);
        assertThat(t.messages()).contains("failed to load").contains("p000-queues.png");
    }

    @Test
    void screenshotAt1200PixelsIsKeptUnderTarget() throws Exception {
        chromium.screenshot(report.resolve("report.html"), SCREENSHOT, 1200, 3000);
        BufferedImage shot = ImageIO.read(SCREENSHOT.toFile());
        assertThat(shot).isNotNull();
        assertThat(shot.getWidth()).isEqualTo(1200);
        assertThat(shot.getHeight()).isEqualTo(3000);
    }
}
