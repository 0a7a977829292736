package org.repsim.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repsim.core.result.ExperimentSummary;
import org.repsim.report.chart.ChartStyle;
import org.repsim.report.chart.VariantSummaries;

class VariantReportTest {

    @TempDir
    Path dir;

    @Test
    void aVariantSweepReportHasTheComparisonChartAndARowPerVariant() throws IOException {
        ExperimentSummary s = VariantSummaries.modes();
        ReportWriter.write(dir, new ReportInput("modes", "", List.of(), s.sweptPaths(), s, Map.of(), 15.0, 1.0));
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).contains("id=\"variants\"").contains("id=\"compare-variants\"").contains("id=\"variants-table\"");
        BufferedImage png = ImageIO.read(dir.resolve("charts/compare-variants.png").toFile());
        assertThat(png.getWidth()).isEqualTo(ChartStyle.WIDTH);
        assertThat(png.getHeight()).isEqualTo(ChartStyle.HEIGHT);
        String table = html.substring(html.indexOf("id=\"variants-table\""), html.indexOf("</table>", html.indexOf("id=\"variants-table\"")));
        for (String v : List.of("sync", "ordered", "ordered-off", "cycle-none", "host")) {
            assertThat(table).contains("<td class=\"name\" data-sort=\"").contains("\">" + v + "</td>");
        }
        // ordered-off: 1610 out-of-order arrivals, a red cell and a red verdict; sync: not checked, no colour
        String off = row(table, "ordered-off");
        assertThat(off).contains("class=\"bad\">1,610</td>").contains("class=\"name bad\">dependent-write violations</td>");
        assertThat(row(table, "sync")).contains("class=\"name\">not checked by this mode</td>").doesNotContain("bad");
        assertThat(row(table, "host")).contains("class=\"good\">0</td>").contains("5.59 s").contains("22,902");
    }

    @Test
    void anOrdinarySweepHasNoVariantSection() throws IOException {
        ReportWriter.write(dir, Synthetic.sweep("plain"));
        assertThat(Files.readString(dir.resolve("report.html"))).doesNotContain("id=\"variants\"");
        assertThat(dir.resolve("charts/compare-variants.png")).doesNotExist();
    }

    private static String row(String table, String variant) {
        int at = table.indexOf("\">" + variant + "</td>");
        return table.substring(at, table.indexOf("</tr>", at));
    }
}
