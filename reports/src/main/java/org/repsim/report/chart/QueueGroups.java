package org.repsim.report.chart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.repsim.core.result.RunResult;
import org.repsim.core.result.TimeSeries;

/**
 * Queues of many alike components on one chart. A 64-box consistency group has hundreds of
 * queues (each box's adapters, apply pool and disk groups, each link direction): drawn one line
 * each, the legend alone fills the picture. Above {@link #MAX_LINES} queues, queues whose
 * component names are the same once every run of digits is read as {@code *} form a group
 * ({@code p0.hostAdapters} … {@code p63.hostAdapters} → {@code p*.hostAdapters}; {@code s*.apply};
 * {@code link.wan*.prod-dr}), drawn as two lines: the group's highest queue at each sample and
 * the group's mean. A group of one queue stays its own line. Which member is the busiest is
 * {@link Group#busiest}.
 */
public final class QueueGroups {
    /** The most queues drawn one line each. */
    public static final int MAX_LINES = 12;

    private QueueGroups() {
    }

    /** Queues whose names read alike; {@code members} are columns, in the order given. */
    public record Group(String key, List<String> members) {
        public Group {
            members = List.copyOf(members);
        }

        /** Column of the group's highest line. */
        String highestColumn() {
            return "queue-group.highest." + key;
        }

        /** Column of the group's mean line. */
        String meanColumn() {
            return "queue-group.mean." + key;
        }

        /**
         * The member with the highest time-averaged depth over all samples of all replications,
         * and that average: {@code [member index, average]}.
         */
        public double[] busiest(List<RunResult> runs) {
            int best = 0;
            double bestMean = Double.NEGATIVE_INFINITY;
            for (int m = 0; m < members.size(); m++) {
                double sum = 0;
                long n = 0;
                for (RunResult r : runs) {
                    TimeSeries s = r.series();
                    int c = s == null ? -1 : s.columnIndex(members.get(m));
                    for (int i = 0; c >= 0 && i < s.rows(); i++) {
                        double v = s.value(i, c);
                        if (Double.isFinite(v)) {
                            sum += v;
                            n++;
                        }
                    }
                }
                double mean = n == 0 ? Double.NaN : sum / n;
                if (mean > bestMean) {
                    bestMean = mean;
                    best = m;
                }
            }
            return new double[] {best, bestMean};
        }
    }

    /** A name with every run of digits read as {@code *}: names alike but for their numbers share it. */
    public static String alike(String name) {
        return name.replaceAll("[0-9]+", "*");
    }

    /** The key of a queue column: its component name, {@link #alike}. */
    static String key(String column) {
        return alike(Palette.component(column));
    }

    /** The groups of {@code columns}, in the order their first members come. */
    public static List<Group> of(List<String> columns) {
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        for (String c : columns) {
            byKey.computeIfAbsent(key(c), k -> new ArrayList<>()).add(c);
        }
        List<Group> out = new ArrayList<>();
        byKey.forEach((k, members) -> out.add(new Group(k, members)));
        return out;
    }

    /**
     * Each replication with a time series of the groups' lines: for a group of several queues its
     * {@link Group#highestColumn} (the largest member value at each sample) and
     * {@link Group#meanColumn} (the members' mean; a member absent or NaN in a sample is left out
     * of it); for a group of one, its column as it is. Intervals are kept (for shading).
     */
    static List<RunResult> lines(List<RunResult> runs, List<Group> groups) {
        List<String> columns = new ArrayList<>();
        for (Group g : groups) {
            if (g.members().size() == 1) {
                columns.add(g.members().get(0));
            } else {
                columns.add(g.highestColumn());
                columns.add(g.meanColumn());
            }
        }
        List<String> units = java.util.Collections.nCopies(columns.size(), "");
        List<RunResult> out = new ArrayList<>();
        for (RunResult r : runs) {
            TimeSeries s = r.series();
            TimeSeries lines = new TimeSeries(columns, units);
            for (int i = 0; s != null && i < s.rows(); i++) {
                double[] row = new double[columns.size()];
                int k = 0;
                for (Group g : groups) {
                    double highest = Double.NaN;
                    double sum = 0;
                    int n = 0;
                    for (String m : g.members()) {
                        int c = s.columnIndex(m);
                        double v = c < 0 ? Double.NaN : s.value(i, c);
                        if (Double.isFinite(v)) {
                            highest = Double.isNaN(highest) ? v : Math.max(highest, v);
                            sum += v;
                            n++;
                        }
                    }
                    row[k++] = highest;
                    if (g.members().size() > 1) {
                        row[k++] = n == 0 ? Double.NaN : sum / n;
                    }
                }
                lines.append(s.time(i), row);
            }
            out.add(new RunResult(r.replication(), r.seed(), List.of(), lines, List.of(), r.intervals()));
        }
        return out;
    }
}
