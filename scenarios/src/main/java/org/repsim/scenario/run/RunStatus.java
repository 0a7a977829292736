package org.repsim.scenario.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code repsim status DIR}: how far a run has got, per sweep point and, for a run in shards, per
 * shard. Read quickly (the default, for polling a long run), a replication counts as done when its
 * {@code done.json} is written and every file it lists is present ({@link RunFiles#isPresent}: no
 * file is read); verified ({@code --verify}), exactly when {@code --resume} and {@link RunMerge}
 * take it as complete ({@link RunFiles#isComplete}: every file still has its digest). It counts as
 * damaged when its {@code done.json} is there but a file is missing (or, verified, changed:
 * {@code --resume} runs it again); and as started while its directory exists without a
 * {@code done.json} (running, or stopped by a failure or a kill).
 */
public final class RunStatus {
    private final Path dir;
    private final RunDescription description;
    private final boolean[][] done;
    private final boolean[][] started;
    private final boolean[][] damaged;
    private final List<Running> running;
    private final boolean verified;

    /** A started replication with a progress file, and how long ago that file was written. */
    public record Running(String point, int replication, ReplicationProgress progress, double ageS) {
    }

    private RunStatus(Path dir, RunDescription description, boolean[][] done, boolean[][] started,
            boolean[][] damaged, List<Running> running, boolean verified) {
        this.dir = dir;
        this.verified = verified;
        this.description = description;
        this.done = done;
        this.started = started;
        this.damaged = damaged;
        this.running = List.copyOf(running);
    }

    /**
     * Reads the state of the run in {@code dir} quickly: a replication is done when its files are
     * present, none is read ({@link #read(Path, boolean)}).
     *
     * @throws ResultStoreException when {@code dir} is not a run directory
     */
    public static RunStatus read(Path dir) {
        return read(dir, false);
    }

    /**
     * Reads the state of the run in {@code dir}; with {@code verify}, checks every done
     * replication's files against their digests as {@code --resume} does (reads them all).
     *
     * @throws ResultStoreException when {@code dir} is not a run directory
     */
    public static RunStatus read(Path dir, boolean verify) {
        RunDescription d = RunMerge.description(dir);
        int points = d.points().size();
        boolean[][] done = new boolean[points][d.replications()];
        boolean[][] started = new boolean[points][d.replications()];
        boolean[][] damaged = new boolean[points][d.replications()];
        List<Running> running = new ArrayList<>();
        for (int p = 0; p < points; p++) {
            for (int r = 0; r < d.replications(); r++) {
                Path rep = Experiment.replicationDir(dir, d.points().get(p).id(), r);
                boolean marked = Files.exists(rep.resolve(RunFiles.DONE));
                // verified: the test of --resume and merge, digests included; quick: the files are there
                done[p][r] = marked && (verify ? RunFiles.isComplete(rep) : RunFiles.isPresent(rep));
                damaged[p][r] = marked && !done[p][r];
                started[p][r] = !marked && Files.isDirectory(rep);
                if (started[p][r]) {
                    int replication = r;
                    String point = d.points().get(p).id();
                    ReplicationProgress.read(rep).ifPresent(progress -> running.add(
                            new Running(point, replication, progress, ageS(rep.resolve(RunFiles.PROGRESS)))));
                }
            }
        }
        return new RunStatus(dir, d, done, started, damaged, running, verify);
    }

    /** Seconds since the file was last written (0 when that cannot be read). */
    private static double ageS(Path file) {
        try {
            return Math.max(0, (System.currentTimeMillis() - Files.getLastModifiedTime(file).toMillis()) / 1e3);
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    /** The started replications that have written a progress file, by point and replication. */
    public List<Running> running() {
        return running;
    }

    /** True when the done replications' files were checked against their digests, false when only found present. */
    public boolean verified() {
        return verified;
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

    /** Replications whose done.json is there but whose files no longer match it ({@code --resume} reruns them). */
    public List<String> damaged() {
        List<String> out = new ArrayList<>();
        for (int p = 0; p < damaged.length; p++) {
            for (int r = 0; r < damaged[p].length; r++) {
                if (damaged[p][r]) {
                    out.add(description.points().get(p).id() + "/" + r);
                }
            }
        }
        return out;
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

    /** {done, started, total, damaged} of shard {@code shard} (the run must be sharded). */
    public int[] ofShard(int shard) {
        int[] out = new int[4];
        for (Sharding.Pair pair : description.sharding().pairsOf(shard, description.points().size(),
                description.replications())) {
            out[0] += done[pair.pointIndex()][pair.replication()] ? 1 : 0;
            out[1] += started[pair.pointIndex()][pair.replication()] ? 1 : 0;
            out[2]++;
            out[3] += damaged[pair.pointIndex()][pair.replication()] ? 1 : 0;
        }
        return out;
    }

    /** The report printed by {@code repsim status}: a line for the run, then a table per point and per shard. */
    public String text() {
        StringBuilder b = new StringBuilder();
        Sharding sharding = description.sharding();
        List<String> broken = damaged();
        b.append(String.format(Locale.ROOT, "%s: %d/%d replications done %s%s%s%n", description.scenarioName(), done(),
                total(), verified ? "(files verified against their digests)"
                        : "(files present; `repsim status --verify " + dir + "` checks their contents)",
                broken.isEmpty() ? "" : ", " + broken.size() + " damaged (will rerun)",
                sharding == null ? " (a run on one machine)" : ", " + sharding.shards() + " shards"));
        List<String[]> rows = new ArrayList<>();
        rows.add(broken.isEmpty() ? new String[] {"point", "done", "started", "params"}
                : new String[] {"point", "done", "started", "damaged", "params"});
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
            int d = 0;
            for (boolean dm : damaged[p]) {
                d += dm ? 1 : 0;
            }
            String doneText = doneOfPoint(p) + "/" + description.replications();
            rows.add(broken.isEmpty() ? new String[] {point.id(), doneText, Integer.toString(s), String.join(", ", params)}
                    : new String[] {point.id(), doneText, Integer.toString(s), Integer.toString(d),
                        String.join(", ", params)});
        }
        table(b, rows);
        if (!broken.isEmpty()) {
            b.append(String.format(Locale.ROOT, "damaged, will rerun: %s (done.json is there, but a file is missing%s; "
                    + "`repsim run … --resume` runs %s again)%n",
                    broken.size() <= 8 ? String.join(", ", broken) : String.join(", ", broken.subList(0, 8)) + " … ("
                            + broken.size() + ")", verified ? " or no longer matches its digest" : " or empty",
                    broken.size() == 1 ? "it" : "them"));
        }
        if (!running.isEmpty()) {
            // a replication rewrites its progress every minute: a file much older is one that stopped
            b.append(System.lineSeparator());
            rows = new ArrayList<>();
            rows.add(new String[] {"running", "simulated (warm-up included)", "wall", "left at this pace", "written"});
            for (Running r : running) {
                ReplicationProgress g = r.progress();
                rows.add(new String[] {r.point() + "/" + r.replication(),
                    String.format(Locale.ROOT, "%s of %s s (%.1f %%)", LogProgress.seconds(Math.round(g.simulatedS() * 1e9)),
                            LogProgress.seconds(Math.round(g.durationS() * 1e9)), 100 * g.simulatedS() / g.durationS()),
                    LogProgress.clock(g.wallS()), Double.isNaN(g.leftS()) ? "-" : LogProgress.clock(g.leftS()),
                    LogProgress.clock(r.ageS()) + " ago" + (r.ageS() > STALE_S ? " (stopped?)" : "")});
            }
            table(b, rows);
            b.append("the figures so far: repsim report " + dir + " --partial").append(System.lineSeparator());
        }
        if (sharding != null) {
            rows = new ArrayList<>();
            rows.add(new String[] {"shard", "done", "started", ""});
            for (int k = 0; k < sharding.shards(); k++) {
                int[] s = ofShard(k);
                rows.add(new String[] {Integer.toString(k), s[0] + "/" + s[2], Integer.toString(s[1]),
                    s[2] == 0 ? "(no pairs)" : s[0] == s[2] ? "complete" : s[3] > 0 ? s[3] + " damaged (will rerun)" : ""});
            }
            b.append('\n');
            table(b, rows);
        }
        return b.toString();
    }

    /** A progress file older than this (five of its one-minute rewrites missed) marks a replication that stopped. */
    static final double STALE_S = 300;

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
