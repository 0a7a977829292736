package org.repsim.scenario.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code repsim status DIR}: how far a run has got, per sweep point and, for a run in shards, per
 * shard. A replication counts as done once its {@code done.json} is written (the cheap test: the
 * digests are checked by {@link RunMerge}), and as started while its directory exists without one
 * (running, or stopped by a failure or a kill).
 */
public final class RunStatus {
    private final RunDescription description;
    private final boolean[][] done;
    private final boolean[][] started;

    private RunStatus(RunDescription description, boolean[][] done, boolean[][] started) {
        this.description = description;
        this.done = done;
        this.started = started;
    }

    /**
     * Reads the state of the run in {@code dir}.
     *
     * @throws ResultStoreException when {@code dir} is not a run directory
     */
    public static RunStatus read(Path dir) {
        RunDescription d = RunMerge.description(dir);
        int points = d.points().size();
        boolean[][] done = new boolean[points][d.replications()];
        boolean[][] started = new boolean[points][d.replications()];
        for (int p = 0; p < points; p++) {
            for (int r = 0; r < d.replications(); r++) {
                Path rep = Experiment.replicationDir(dir, d.points().get(p).id(), r);
                done[p][r] = Files.exists(rep.resolve(RunFiles.DONE));
                started[p][r] = !done[p][r] && Files.isDirectory(rep);
            }
        }
        return new RunStatus(d, done, started);
    }

    public RunDescription description() {
        return description;
    }

    /** Replications done over all points. */
    public int done() {
        int n = 0;
        for (boolean[] point : done) {
            for (boolean d : point) {
                n += d ? 1 : 0;
            }
        }
        return n;
    }

    public int total() {
        return description.points().size() * description.replications();
    }

    /** Done replications of point {@code p}. */
    public int doneOfPoint(int p) {
        int n = 0;
        for (boolean d : done[p]) {
            n += d ? 1 : 0;
        }
        return n;
    }

    /** {done, started, total} of shard {@code shard} (the run must be sharded). */
    public int[] ofShard(int shard) {
        int[] out = new int[3];
        for (Sharding.Pair pair : description.sharding().pairsOf(shard, description.points().size(),
                description.replications())) {
            out[0] += done[pair.pointIndex()][pair.replication()] ? 1 : 0;
            out[1] += started[pair.pointIndex()][pair.replication()] ? 1 : 0;
            out[2]++;
        }
        return out;
    }

    /** The report printed by {@code repsim status}: a line for the run, then a table per point and per shard. */
    public String text() {
        StringBuilder b = new StringBuilder();
        Sharding sharding = description.sharding();
        b.append(String.format(Locale.ROOT, "%s: %d/%d replications done%s%n", description.scenarioName(), done(),
                total(), sharding == null ? " (a run on one machine)" : ", " + sharding.shards() + " shards"));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"point", "done", "started", "params"});
        for (int p = 0; p < description.points().size(); p++) {
            RunDescription.Point point = description.points().get(p);
            int s = 0;
            for (boolean st : started[p]) {
                s += st ? 1 : 0;
            }
            List<String> params = new ArrayList<>();
            for (Map.Entry<String, String> e : point.params().entrySet()) {
                params.add(e.getKey() + "=" + e.getValue());
            }
            rows.add(new String[] {point.id(), doneOfPoint(p) + "/" + description.replications(), Integer.toString(s),
                String.join(", ", params)});
        }
        table(b, rows);
        if (sharding != null) {
            rows = new ArrayList<>();
            rows.add(new String[] {"shard", "done", "started", ""});
            for (int k = 0; k < sharding.shards(); k++) {
                int[] s = ofShard(k);
                rows.add(new String[] {Integer.toString(k), s[0] + "/" + s[2], Integer.toString(s[1]),
                    s[2] == 0 ? "(no pairs)" : s[0] == s[2] ? "complete" : ""});
            }
            b.append('\n');
            table(b, rows);
        }
        return b.toString();
    }

    private static void table(StringBuilder b, List<String[]> rows) {
        int[] width = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                line.append(c == row.length - 1 ? row[c] : String.format(Locale.ROOT, "%-" + width[c] + "s  ", row[c]));
            }
            b.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
    }
}
