package org.repsim.scenario.validate;

import java.util.ArrayList;
import java.util.List;
import org.repsim.model.Cache;
import org.repsim.model.RaidLevel;
import org.repsim.scenario.spec.Arrival;
import org.repsim.scenario.spec.Box;
import org.repsim.scenario.spec.Cycle;
import org.repsim.scenario.spec.Distribution;
import org.repsim.scenario.spec.MmppState;
import org.repsim.scenario.spec.Pair;
import org.repsim.scenario.spec.ProcessorPool;
import org.repsim.scenario.spec.Replication;
import org.repsim.scenario.spec.Scenario;
import org.repsim.scenario.spec.Units;
import org.repsim.scenario.spec.Workload;

/**
 * What the model components require of their configuration beyond one key's own range, checked
 * at the key that breaks it so that a scenario that validates always builds: constraints between
 * keys (a cache that holds at least one track, a session share that holds at least one slot),
 * rules of the engines (the order of cache-pressure policies, a rate profile that starts at 0 s)
 * and the cost bounds of {@link Limits}. Runs after {@link References}, on a bound scenario.
 */
final class ModelConstraints {

    private final Scenario s;
    private final Problems problems;

    private ModelConstraints(Scenario s, Problems problems) {
        this.s = s;
        this.problems = problems;
    }

    static void check(Scenario scenario, Problems problems) {
        ModelConstraints c = new ModelConstraints(scenario, problems);
        c.links();
        c.boxes();
        c.replication();
        c.workloads();
        c.report();
    }

    private void boxes() {
        for (int i = 0; i < s.boxes().size(); i++) {
            Box b = s.boxes().get(i);
            String path = JsonPaths.index("boxes", i);
            String cache = JsonPaths.key(path, "cache");
            long size = b.cache().sizeBytes();
            long track = b.cache().trackSizeBytes();
            if (size > 0 && track > 0) {
                long slots = size / track;
                if (slots < 1) {
                    report(JsonPaths.key(cache, "size"), "the cache (" + Units.format(Units.Kind.SIZE, size)
                            + ") is smaller than one track (cache.trackSize " + Units.format(Units.Kind.SIZE, track)
                            + "); it must hold at least one track");
                } else if (slots > Cache.MAX_SLOTS) {
                    report(JsonPaths.key(cache, "size"), "the cache holds " + slots + " tracks of "
                            + Units.format(Units.Kind.SIZE, track) + "; at most " + Cache.MAX_SLOTS
                            + " are modelled: use a larger cache.trackSize or a smaller cache.size");
                }
            }
            long block = b.cache().blockSizeBytes();
            if (track > 0 && block > 0 && track % block != 0) {
                problems.add(JsonPaths.key(cache, "blockSize"), "the block size (" + Units.format(Units.Kind.SIZE, block)
                        + ") must divide the track size (cache.trackSize " + Units.format(Units.Kind.SIZE, track)
                        + "): a slot's dirty-block map splits its track into whole blocks");
            }
            if (b.cache().destagePressure() == 0) {
                report(JsonPaths.key(cache, "destagePressure"), "must be greater than zero (a share of the"
                        + " write-pending limit in (0, 1]): with 0 every track would be destaged at once, use"
                        + " destageDelay \"0 s\" for that");
            }
            if (b.cache().writePendingLimit() == 0) {
                report(JsonPaths.key(cache, "writePendingLimit"), "must be greater than zero (a share of the cache"
                        + " in (0, 1]): with 0 no write could ever be accepted");
            }
            servers(b.hostAdapters().count(), JsonPaths.key(JsonPaths.key(path, "hostAdapters"), "count"));
            servers(b.remoteAdapters().count(), JsonPaths.key(JsonPaths.key(path, "remoteAdapters"), "count"));
            for (int j = 0; j < b.processors().size(); j++) {
                servers(b.processors().get(j).count(), JsonPaths.key(JsonPaths.index(JsonPaths.key(path, "processors"), j), "count"));
            }
            for (int j = 0; j < b.backend().size(); j++) {
                String group = JsonPaths.index(JsonPaths.key(path, "backend"), j);
                servers(b.backend().get(j).devices(), JsonPaths.key(group, "devices"));
                raid(b.backend().get(j), group);
            }
        }
    }

    /** A disk group's RAID level: named once, consistently, with enough devices for its phases (docs/model.md §1). */
    private void raid(org.repsim.scenario.spec.DiskGroup g, String group) {
        Double penalty = g.raidWritePenalty();
        if (penalty != null) {
            // binding keeps the older key only when it names no level or contradicts raid
            String named = org.repsim.scenario.spec.DiskGroup.levelOfPenalty(penalty);
            report(JsonPaths.key(group, "raidWritePenalty"), named == null
                    ? "a write penalty of " + plain(penalty) + " names no RAID level; write \"raid\": \"none\","
                            + " \"raid1\", \"raid5\" or \"raid6\" instead (their small writes take 1, 2, 4 and 6"
                            + " device operations, run as parallel phases)"
                    : "a write penalty of " + plain(penalty) + " names " + named + " but raid is " + g.raid()
                            + "; give raid alone");
            return;
        }
        if (problems.hasAtOrUnder(JsonPaths.key(group, "raid"))) {
            return; // an unknown level, already reported
        }
        RaidLevel level = RaidLevel.of(g.raid());
        if (g.devices() > 0 && g.devices() < level.minDevices()) {
            report(JsonPaths.key(group, "devices"), level.key() + " needs at least " + level.minDevices()
                    + " devices (each operation of a write phase on its own device), found " + g.devices());
        }
    }

    /** A number as written: 4 rather than 4.0. */
    private static String plain(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
    }

    private void links() {
        for (int i = 0; i < s.links().size(); i++) {
            long delay = s.links().get(i).propagationDelayNs();
            if (delay > Units.MAX_TIME_NANOS) {
                report(JsonPaths.key(JsonPaths.index("links", i), "distance"), "a one-way delay of 5 us per km makes "
                        + Units.format(Units.Kind.TIME, delay) + ", longer than the 100 years a time may be");
            }
            // a link's loss bound needs p < 1 (docs/model.md §1)
            if (s.links().get(i).loss() >= 1) {
                problems.add(JsonPaths.key(JsonPaths.index("links", i), "loss"), "must be below 1 (a packet loss"
                        + " probability in [0, 1)): with every packet lost nothing would arrive");
            }
        }
    }

    private void servers(ProcessorPool pool, String path) {
        servers(pool.count(), path);
    }

    private void servers(int count, String path) {
        if (count > Limits.MAX_SERVERS) {
            report(path, count + " is more than the " + Limits.MAX_SERVERS
                    + " servers (or devices) one pool may have; each is modelled on its own");
        }
    }

    private void replication() {
        Replication r = s.replication();
        if (r == null) {
            return;
        }
        if (r.mode().equals("ordered")) {
            servers(r.ordered().prepare(), "replication.ordered.prepare.count");
            for (Pair p : r.pairs()) {
                int i = indexOf(p.primaryBox());
                if (i < 0) {
                    continue;
                }
                var processors = s.boxes().get(i).processors();
                for (int j = 0; j < processors.size(); j++) {
                    String id = processors.get(j).id();
                    if (id.equals("prepare") || id.equals("sender")) {
                        report(JsonPaths.key(JsonPaths.index(JsonPaths.key(JsonPaths.index("boxes", i), "processors"), j), "id"),
                                "in ordered mode the ordered engine adds the pool '" + id + "' to primary box '"
                                        + p.primaryBox() + "' (set by replication.ordered); give this pool another id");
                    }
                }
            }
        }
        if (r.mode().equals("cycle")) {
            cycle(r);
        }
    }

    private void cycle(Replication r) {
        Cycle c = r.cycle();
        String path = "replication.cycle";
        if (c.maxSessionShare() == 0) {
            report(JsonPaths.key(path, "maxSessionShare"), "must be greater than zero (a share in (0, 1]):"
                    + " with 0 a session could hold no slot");
        }
        List<String> policies = c.onCachePressure();
        for (int i = 0; i < policies.size(); i++) {
            boolean last = i == policies.size() - 1;
            String p = policies.get(i);
            if (!p.equals("spill") && !last) {
                report(JsonPaths.index(JsonPaths.key(path, "onCachePressure"), i), "'" + p + "' always acts, so"
                        + " it must come last; only spill falls through (to the next policy when its pool is full)");
            } else if (p.equals("spill") && last) {
                report(JsonPaths.index(JsonPaths.key(path, "onCachePressure"), i), "spill falls through when its"
                        + " pool is full, so a policy must follow it: pace or drop, e.g. [\"spill\", \"drop\"]");
            }
        }
        spillPoolBox(r, c);
        if (c.maxSessionShare() <= 0) {
            return;
        }
        List<String> seen = new ArrayList<>();
        for (Pair p : r.pairs()) {
            int i = indexOf(p.primaryBox());
            if (i < 0 || seen.contains(p.primaryBox())) {
                continue;
            }
            seen.add(p.primaryBox());
            var cache = s.boxes().get(i).cache();
            if (cache.sizeBytes() <= 0 || cache.trackSizeBytes() <= 0 || cache.writePendingLimit() <= 0
                    || cache.sizeBytes() / cache.trackSizeBytes() < 1) {
                continue; // reported at the cache
            }
            // the cycle engine's session limit (docs/model.md §5 cache pressure)
            long limit = (long) Math.floor(cache.sizeBytes() * cache.writePendingLimit() * c.maxSessionShare());
            if (limit < cache.trackSizeBytes()) {
                report(JsonPaths.key(path, "maxSessionShare"), "box '" + p.primaryBox() + "': a session may hold "
                        + Units.format(Units.Kind.SIZE, limit) + " (cache.size × writePendingLimit × maxSessionShare),"
                        + " less than one track of " + Units.format(Units.Kind.SIZE, cache.trackSizeBytes())
                        + "; raise the share or the cache");
            }
        }
    }

    /**
     * {@code spillPool.box}: the spill pool is on a disk group of the primary box itself
     * (docs/model.md §5 cache pressure, "Known limits"), so only {@code self} or the id of every
     * pair's primary box is accepted. An unknown box id is reported by {@link References}.
     */
    private void spillPoolBox(Replication r, Cycle c) {
        String box = c.spillPool().box();
        if (!c.onCachePressure().contains("spill") || box.equals("self") || indexOf(box) < 0) {
            return;
        }
        List<String> others = new ArrayList<>();
        for (Pair p : r.pairs()) {
            if (!p.primaryBox().equals(box) && !others.contains(p.primaryBox())) {
                others.add(p.primaryBox());
            }
        }
        if (!others.isEmpty()) {
            report("replication.cycle.spillPool.box", "a primary box holds its own spill pool, on one of its disk"
                    + " groups; box '" + box + "' is not the primary of " + (others.size() > 1 ? "boxes '" : "box '")
                    + String.join("', '", others) + "'. Use \"self\" (each primary box's own pool)");
        }
    }

    private void workloads() {
        double durationS = s.run().durationNs() / 1e9;
        for (int i = 0; i < s.workloads().size(); i++) {
            Workload w = s.workloads().get(i);
            String path = JsonPaths.index("workloads", i);
            String arrival = JsonPaths.key(path, "arrival");
            if (w.arrival() instanceof Arrival.Closed c && c.streams() > Limits.MAX_STREAMS) {
                report(JsonPaths.key(arrival, "streams"), c.streams() + " is more than the " + Limits.MAX_STREAMS
                        + " streams a closed-loop workload may have; each stream is modelled on its own");
            }
            if (w.arrival() instanceof Arrival.Open o) {
                double peak = 1;
                for (int j = 0; j < o.profile().size(); j++) {
                    peak = Math.max(peak, o.profile().get(j).factor());
                }
                if (!o.profile().isEmpty() && o.profile().get(0).atNs() != 0) {
                    report(JsonPaths.index(JsonPaths.key(arrival, "profile"), 0), "a rate profile starts at \"0 s\","
                            + " found \"" + Units.format(Units.Kind.TIME, o.profile().get(0).atNs()) + "\"");
                }
                if (!o.profile().isEmpty() && o.profile().get(o.profile().size() - 1).factor() <= 0) {
                    report(JsonPaths.index(JsonPaths.key(arrival, "profile"), o.profile().size() - 1),
                            "the last step of a profile holds to the end of the run, so its factor must be greater than zero");
                }
                if (o.process().equals("mmpp")) {
                    double factors = 0;
                    for (MmppState state : o.states()) {
                        peak = Math.max(peak, state.factor());
                        factors += state.factor();
                    }
                    if (o.states().size() >= 2 && factors <= 0) {
                        report(JsonPaths.key(arrival, "states"), "at least one state needs a factor greater than zero");
                    }
                }
                double ios = o.ratePerSec() * peak * durationS;
                if (ios > Limits.MAX_HOST_IOS) {
                    report(JsonPaths.key(arrival, "rate"), "at " + Units.format(Units.Kind.EVENT_RATE, o.ratePerSec())
                            + (peak > 1 ? " (× " + peak + " at its peak)" : "") + " over run.duration "
                            + Units.format(Units.Kind.TIME, s.run().durationNs()) + " this workload would issue about "
                            + String.format(java.util.Locale.ROOT, "%.3g", ios) + " I/Os per replication; at most "
                            + String.format(java.util.Locale.ROOT, "%.0e", Limits.MAX_HOST_IOS) + " are accepted");
                }
            }
            if (w.arrival() != null) {
                double largest = largest(w.size());
                if (largest > Limits.MAX_IO_BYTES) {
                    report(JsonPaths.key(path, "size"), "I/Os of up to " + Units.format(Units.Kind.SIZE, Math.round(largest))
                            + " are more than the " + Units.format(Units.Kind.SIZE, Limits.MAX_IO_BYTES) + " one I/O may move");
                }
            }
            if (w.trace() != null) {
                String trace = JsonPaths.key(path, "trace");
                if (w.trace().toNs() != null && w.trace().toNs() <= w.trace().fromNs()) {
                    report(JsonPaths.key(trace, "to"), "the end of the replayed window must be after its start"
                            + " (trace.from " + Units.format(Units.Kind.TIME, w.trace().fromNs()) + ")");
                }
                for (String disk : w.trace().disks().keySet()) {
                    if (disk.isBlank()) {
                        report(JsonPaths.key(trace, "disks"), "a trace disk number must not be empty");
                    }
                }
            }
        }
    }

    /** The largest value a size distribution draws (its mean when the law is unbounded). */
    private static double largest(Distribution d) {
        if (d instanceof Distribution.Deterministic x) {
            return x.value();
        }
        if (d instanceof Distribution.Uniform x) {
            return x.max();
        }
        if (d instanceof Distribution.Choice x) {
            return x.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        }
        if (d instanceof Distribution.Normal x) {
            return x.mean() + 6 * x.stddev();
        }
        return d == null ? 0 : d.mean();
    }

    private void report() {
        long every = s.report().sampleEveryNs();
        long duration = s.run().durationNs();
        if (every > 0 && duration > 0 && duration / every > Limits.MAX_SAMPLES) {
            long smallest = (duration + Limits.MAX_SAMPLES - 1) / Limits.MAX_SAMPLES;
            report("report.sampleEvery", "sampling every " + Units.format(Units.Kind.TIME, every) + " over run.duration "
                    + Units.format(Units.Kind.TIME, duration) + " keeps " + duration / every + " samples per replication;"
                    + " at most " + Limits.MAX_SAMPLES + " are kept (each holds every series): sample every "
                    + Units.format(Units.Kind.TIME, smallest) + " or more");
        }
    }

    /** Reports a problem unless one is already reported at the key (a value that could not be read stands in as 0). */
    private void report(String path, String message) {
        if (!problems.hasAtOrUnder(path)) {
            problems.add(path, message);
        }
    }

    private int indexOf(String boxId) {
        for (int i = 0; i < s.boxes().size(); i++) {
            if (s.boxes().get(i).id().equals(boxId)) {
                return i;
            }
        }
        return -1;
    }
}
