package org.repsim.scenario.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.repsim.report.html.SizePage;

/**
 * What {@code repsim size} writes: the answer line, {@code size.json} and {@code size.html}.
 *
 * <p>{@code size.json}: {@code {"path", "goal", "answer" (base units, or null), "answerText",
 * "met", "points": [{"value", "text", "scenarioValue", "replications", "mean", "ci95", "verdict"}, …]}}
 * plus the settings ({@code confidence}, {@code resolution}, {@code largest},
 * {@code maxReplications}, {@code capHit}) and units ({@code unit}: the base unit of
 * {@code answer} and {@code value}, e.g. B/s). {@code answerText} and {@code text} are the values
 * for people, in the units {@code --between} was given in ("392.4 Mbit/s");
 * {@code scenarioValue} is the exact value the candidate's scenario was run with. Numbers that
 * do not exist (a half-width of one replication) are null.
 */
public final class SizeFiles {
    public static final String JSON = "size.json";
    private static final ObjectMapper JSON_MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SizeFiles() {
    }

    /** How the search was set up, for the files. */
    public record Settings(String scenario, SizedParameter parameter, Goal goal, boolean largest, double confidence,
            String resolutionText, int maxReplications, String metricUnit) {
    }

    /** The one-line answer printed on stdout. */
    public static String answerLine(Settings s, SizeSearch.Result r) {
        String which = s.largest() ? "largest" : "smallest";
        String conf = pct(s.confidence());
        if (!r.met()) {
            SizeSearch.Point b = r.best();
            return String.format(Locale.ROOT, "size: no value of %s in [%s, %s] meets %s at %s confidence%s%s",
                    s.parameter().path(), s.parameter().display(s.parameter().lo()), s.parameter().display(s.parameter().hi()),
                    s.goal().text(), conf, b == null ? "" : "; best seen " + s.parameter().display(b.value()) + ": " + figure(b, s),
                    r.capHit() ? " (replication cap " + s.maxReplications() + " hit)" : "");
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "size: %s %s = %s meets %s at %s confidence (%s)",
                which, s.parameter().path(), s.parameter().display(r.answer()), s.goal().text(), conf, figure(r.answerPoint(), s)));
        if (r.otherSide() != null) {
            line.append(String.format(Locale.ROOT, "; %s does not (%s)", s.parameter().display(r.otherSide().value()),
                    figure(r.otherSide(), s)));
        } else {
            line.append("; it is the range's ").append(s.largest() ? "upper" : "lower").append(" bound");
        }
        if (r.capHit()) {
            line.append("; replication cap ").append(s.maxReplications()).append(" hit at ")
                    .append(String.join(", ", r.points().stream().filter(SizeSearch.Point::capped)
                            .map(p -> s.parameter().display(p.value())).toList()));
        }
        return line.toString();
    }

    private static String figure(SizeSearch.Point p, Settings s) {
        return String.format(Locale.ROOT, "%s ± %s %s over %d replications", num(p.mean()), num(p.ci95()),
                s.metricUnit() == null ? "" : s.metricUnit(), p.replications()).replace("  ", " ");
    }

    private static String pct(double f) {
        return new java.math.BigDecimal(Double.toString(f * 100)).stripTrailingZeros().toPlainString() + " %";
    }

    static String num(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4g", v);
    }

    /** size.json's text. */
    public static String json(Settings s, SizeSearch.Result r) throws IOException {
        ObjectNode root = JSON_MAPPER.createObjectNode();
        root.put("scenario", s.scenario());
        root.put("path", s.parameter().path());
        root.put("goal", s.goal().text());
        number(root, "answer", r.answer() == null ? Double.NaN : r.answer());
        if (r.answerPoint() == null) {
            root.putNull("answerText");
        } else {
            root.put("answerText", s.parameter().display(r.answerPoint().value()));
        }
        root.put("met", r.met());
        root.put("largest", s.largest());
        root.put("unit", s.parameter().unit());
        root.put("metricUnit", s.metricUnit());
        root.put("confidence", s.confidence());
        root.put("resolution", s.resolutionText());
        root.put("maxReplications", s.maxReplications());
        root.put("capHit", r.capHit());
        ArrayNode points = root.putArray("points");
        for (SizeSearch.Point p : r.points()) {
            ObjectNode o = points.addObject();
            number(o, "value", p.value());
            o.put("text", s.parameter().display(p.value()));
            o.put("scenarioValue", p.text());
            o.put("replications", p.replications());
            number(o, "mean", p.mean());
            number(o, "ci95", p.ci95());
            o.put("verdict", verdict(p));
        }
        return JSON_MAPPER.writeValueAsString(root) + "\n";
    }

    private static String verdict(SizeSearch.Point p) {
        return switch (p.verdict()) {
            case MET -> "met";
            case UNMET -> "not met";
            case UNDECIDED -> "undecided";
        };
    }

    private static void number(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }

    /** Writes size.json and size.html into {@code dir}; returns the page. */
    public static Path write(Path dir, Settings s, SizeSearch.Result r, String answerLine) throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve(JSON + ".tmp");
        Files.writeString(tmp, json(s, r), StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(JSON), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        List<SizePage.Candidate> candidates = new ArrayList<>();
        for (SizeSearch.Point p : r.points()) {
            candidates.add(new SizePage.Candidate(p.value(), s.parameter().display(p.value()), p.replications(), p.mean(), p.ci95(), verdict(p)));
        }
        List<String[]> facts = List.of(
                new String[] {"Range", s.parameter().range()
                        + (s.parameter().geometric() ? " (bisected geometrically)" : " (bisected arithmetically)")},
                new String[] {"Looking for", (s.largest() ? "the largest" : "the smallest") + " value meeting the goal"},
                new String[] {"Confidence", pct(s.confidence())},
                new String[] {"Resolution", s.resolutionText()},
                new String[] {"Replications per value", "added until the interval clears the threshold, at most "
                        + s.maxReplications()});
        return SizePage.write(dir, new SizePage.Input(s.scenario(), s.parameter().path(), s.parameter().axisUnit(),
                s.parameter().geometric(), s.goal().text(), s.metricUnit(), s.goal().threshold(), answerLine,
                r.answer(), facts, candidates));
    }
}
