package org.repsim.report.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.jfree.chart.JFreeChart;
import org.repsim.report.chart.ChartStyle;

/**
 * The frame shared by the planner pages ({@code size.html}, {@code compare.html}): the report's
 * style sheet inline, charts as PNG files under {@code charts/} beside the page, every file
 * written to a temporary name and renamed.
 */
final class PlannerPage {
    private final Path outDir;
    private final String title;
    private final StringBuilder body = new StringBuilder(16 * 1024);

    PlannerPage(Path outDir, String title) {
        this.outDir = outDir;
        this.title = title;
    }

    StringBuilder body() {
        return body;
    }

    /** A chart written to {@code charts/<id>.png} and shown with its title and how to read it. */
    void figure(String id, String heading, String how, JFreeChart chart, int height) throws IOException {
        System.setProperty("java.awt.headless", "true");
        String file = ReportWriter.CHARTS + "/" + id + ".png";
        Path target = outDir.resolve(file);
        Path tmp = outDir.resolve(file + ".tmp");
        ChartStyle.writePng(chart, tmp, ChartStyle.WIDTH, height);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        body.append("<figure id=\"").append(Html.escape(id)).append("\">\n<h3>").append(Html.escape(heading))
                .append("</h3>\n<p class=\"how\">").append(Html.escape(how)).append("</p>\n<img src=\"")
                .append(Html.escape(file)).append("\" width=\"").append(ChartStyle.WIDTH).append("\" height=\"")
                .append(height).append("\" alt=\"").append(Html.escape(heading)).append("\">\n</figure>\n");
    }

    /** Writes the page as {@code name} in the output directory and returns its path. */
    Path write(String name) throws IOException {
        Files.createDirectories(outDir);
        StringBuilder html = new StringBuilder(body.length() + 16 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(Html.escape(title)).append("</title>\n")
                .append("<style>\n").append(resource("report.css")).append("</style>\n</head>\n<body>\n<main>\n")
                .append("<header id=\"top\">\n<h1>").append(Html.escape(title)).append("</h1>\n</header>\n")
                .append(body).append("</main>\n</body>\n</html>\n");
        Path page = outDir.resolve(name);
        Path tmp = outDir.resolve(name + ".tmp");
        Files.writeString(tmp, html, StandardCharsets.UTF_8);
        Files.move(tmp, page, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return page;
    }

    private static String resource(String name) {
        try (InputStream in = ReportWriter.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
