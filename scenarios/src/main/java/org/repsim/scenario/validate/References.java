package org.repsim.scenario.validate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.repsim.scenario.spec.Arrival;
import org.repsim.scenario.spec.Box;
import org.repsim.scenario.spec.Cycle;
import org.repsim.scenario.spec.Fault;
import org.repsim.scenario.spec.Keys;
import org.repsim.scenario.spec.Link;
import org.repsim.scenario.spec.NamedPool;
import org.repsim.scenario.spec.Pair;
import org.repsim.scenario.spec.Replication;
import org.repsim.scenario.spec.Scenario;
import org.repsim.scenario.spec.Units;
import org.repsim.scenario.spec.Workload;

/** Checks that span objects: unique ids, references between objects, and cross-field rules. */
final class References {

    private final Problems problems;
    private final Scenario s;
    private final Map<String, Integer> sites;
    private final Map<String, Integer> boxes;
    private final Map<String, Integer> links;
    private final Map<String, Set<String>> volumesByBox = new LinkedHashMap<>();

    private References(Scenario s, Problems problems) {
        this.s = s;
        this.problems = problems;
        this.sites = unique(s.sites(), x -> x.id(), "sites", "site");
        this.boxes = unique(s.boxes(), Box::id, "boxes", "box");
        this.links = unique(s.links(), Link::id, "links", "link");
        unique(s.workloads(), Workload::id, "workloads", "workload");
    }

    static void check(Scenario scenario, Problems problems) {
        References r = new References(scenario, problems);
        r.run();
        r.boxes();
        r.links();
        r.replication();
        r.workloads();
        r.faults();
    }

    private void run() {
        if (s.run().durationNs() > 0 && s.run().warmupNs() >= s.run().durationNs()) {
            problems.add("run.warmup", "warm-up (" + Units.format(Units.Kind.TIME, s.run().warmupNs())
                    + ") must be shorter than run.duration (" + Units.format(Units.Kind.TIME, s.run().durationNs()) + ")");
        }
    }

    private void boxes() {
        for (int i = 0; i < s.boxes().size(); i++) {
            Box b = s.boxes().get(i);
            String path = JsonPaths.index("boxes", i);
            ref(b.site(), sites, JsonPaths.key(path, "site"), "site");
            Map<String, Integer> groups = unique(b.backend(), x -> x.id(), JsonPaths.key(path, "backend"), "disk group");
            for (int j = 0; j < b.volumes().size(); j++) {
                if (b.volumes().get(j).backend() != null) {
                    ref(b.volumes().get(j).backend(), groups,
                            JsonPaths.key(JsonPaths.index(JsonPaths.key(path, "volumes"), j), "backend"), "disk group");
                }
            }
            volumesByBox.put(b.id(), unique(b.volumes(), x -> x.id(), JsonPaths.key(path, "volumes"), "volume").keySet());
            unique(b.processors(), NamedPool::id, JsonPaths.key(path, "processors"), "processor pool");
        }
    }

    private void links() {
        for (int i = 0; i < s.links().size(); i++) {
            Link l = s.links().get(i);
            String path = JsonPaths.key(JsonPaths.index("links", i), "between");
            if (l.between().size() != 2) {
                problems.add(path, "a link joins exactly two sites, found " + l.between().size());
                continue;
            }
            for (int j = 0; j < 2; j++) {
                ref(l.between().get(j), sites, JsonPaths.index(path, j), "site");
            }
            if (l.between().get(0).equals(l.between().get(1))) {
                problems.add(path, "a link joins two different sites");
            }
        }
    }

    private void replication() {
        Replication r = s.replication();
        if (r == null) {
            return;
        }
        for (int i = 0; i < r.pairs().size(); i++) {
            Pair p = r.pairs().get(i);
            String path = JsonPaths.index("replication.pairs", i);
            boolean primaryOk = boxOrVolume(p.primary(), JsonPaths.key(path, "primary"));
            boolean secondaryOk = boxOrVolume(p.secondary(), JsonPaths.key(path, "secondary"));
            if (!primaryOk || !secondaryOk) {
                continue;
            }
            if (p.primaryBox().equals(p.secondaryBox())) {
                problems.add(JsonPaths.key(path, "secondary"), "primary and secondary must be different boxes");
                continue;
            }
            String siteP = s.box(p.primaryBox()).site();
            String siteS = s.box(p.secondaryBox()).site();
            if (siteP.equals(siteS)) {
                // replication runs over links, and a link joins two different sites
                if (!siteP.isEmpty()) {
                    problems.add(JsonPaths.key(path, "secondary"), "primary box '" + p.primaryBox() + "' and secondary box '"
                            + p.secondaryBox() + "' both stand at site '" + siteP + "'; a pair replicates over a link"
                            + " between two sites: put the secondary at another site (two arrays in one data centre are"
                            + " two sites joined by a short link, e.g. \"distance\": \"1 km\")");
                }
                continue;
            }
            Set<String> pairSites = Set.of(siteP, siteS);
            for (int j = 0; j < p.links().size(); j++) {
                String linkPath = JsonPaths.index(JsonPaths.key(path, "links"), j);
                String id = p.links().get(j);
                if (ref(id, links, linkPath, "link")) {
                    Link l = s.link(id);
                    if (!new HashSet<>(l.between()).equals(pairSites)) {
                        problems.add(linkPath, "link '" + id + "' joins " + String.join(" and ", l.between())
                                + ", not the pair's sites " + siteP + " and " + siteS);
                    }
                }
            }
            if (p.links().isEmpty() && !siteP.equals(siteS)
                    && s.links().stream().noneMatch(l -> new HashSet<>(l.between()).equals(pairSites))) {
                problems.add(path, "no link joins sites " + siteP + " and " + siteS + "; add one to links");
            }
            pairVolumes(p, path);
            volumePairs(i, p, path);
        }
        if (r.mode().equals("cycle")) {
            oneSecondaryPerPrimaryBox(r);
        }
        String consistency = r.consistency().mode();
        if (!consistency.equals("none") && !r.mode().equals("cycle")) {
            problems.add("replication.consistency.mode", "consistency mode '" + consistency
                    + "' needs replication.mode 'cycle', found '" + r.mode() + "'");
        }
        perCycleRows(r);
        compressionPool(r);
        Cycle c = r.cycle();
        List<String> policies = c.onCachePressure();
        if (new LinkedHashSet<>(policies).size() != policies.size()) {
            problems.add("replication.cycle.onCachePressure", "a policy is listed twice");
        }
        if (policies.isEmpty()) {
            problems.add("replication.cycle.onCachePressure", "must not be empty; e.g. [\"drop\"]");
        }
        if (r.mode().equals("cycle") && policies.contains("spill")) {
            if (c.spillPool().sizeBytes() <= 0) {
                problems.add("replication.cycle.spillPool.size", "the spill policy needs a spill pool larger than 0 B, e.g. \"2 TiB\"");
            }
            String poolBox = c.spillPool().box();
            if (!poolBox.equals("self")) {
                ref(poolBox, boxes, "replication.cycle.spillPool.box", "box");
            }
            String backend = c.spillPool().backend();
            if (backend != null) {
                for (Pair p : r.pairs()) {
                    String owner = poolBox.equals("self") ? p.primaryBox() : poolBox;
                    if (boxes.containsKey(owner) && s.box(owner).backend().stream().noneMatch(g -> g.id().equals(backend))) {
                        problems.add("replication.cycle.spillPool.backend", "box '" + owner + "' has no disk group '" + backend + "'");
                    }
                }
            }
        }
    }

    /** {@code replication.compression.pool}: a processor pool every box of a pair declares (docs/model.md §7a). */
    private void compressionPool(Replication r) {
        String pool = r.compression().pool();
        if (pool == null) {
            return;
        }
        Set<String> lacking = new LinkedHashSet<>();
        for (Pair p : r.pairs()) {
            for (String box : List.of(p.primaryBox(), p.secondaryBox())) {
                if (boxes.containsKey(box) && s.box(box).processors().stream().noneMatch(n -> n.id().equals(pool))) {
                    lacking.add(box);
                }
            }
        }
        if (!lacking.isEmpty()) {
            problems.add("replication.compression.pool", "box" + (lacking.size() > 1 ? "es '" : " '")
                    + String.join("', '", lacking) + "' ha" + (lacking.size() > 1 ? "ve" : "s") + " no processor pool '"
                    + pool + "'; declare it in boxes[].processors (the sender compresses on it, the receiver decompresses)");
        }
    }

    /**
     * A box → box pair replicates every primary volume to the secondary volume of the same id,
     * which must be at least as large; a volume → volume pair needs the same of its two volumes.
     */
    private void pairVolumes(Pair p, String path) {
        var primary = s.box(p.primaryBox());
        var secondary = s.box(p.secondaryBox());
        if (p.primary().contains("/") != p.secondary().contains("/")) {
            problems.add(path, "pair a box with a box, or a volume with a volume; found '" + p.primary() + "' → '"
                    + p.secondary() + "'");
            return;
        }
        List<String[]> pairs = new ArrayList<>();
        if (p.primary().contains("/")) {
            pairs.add(new String[] {p.primary().substring(p.primary().indexOf('/') + 1),
                    p.secondary().substring(p.secondary().indexOf('/') + 1)});
        } else {
            for (var v : primary.volumes()) {
                pairs.add(new String[] {v.id(), v.id()});
            }
        }
        if (primary.cache().trackSizeBytes() <= 0 || secondary.cache().trackSizeBytes() <= 0) {
            return; // an invalid track size is reported where it is written
        }
        for (String[] vv : pairs) {
            var pv = primary.volumes().stream().filter(v -> v.id().equals(vv[0])).findFirst();
            var sv = secondary.volumes().stream().filter(v -> v.id().equals(vv[1])).findFirst();
            if (pv.isEmpty()) {
                continue; // reported as a dangling reference already
            }
            if (sv.isEmpty() && likeFailed(secondary.id())) {
                continue; // the secondary's own 'like' is reported: what it would have copied is unknown
            }
            if (sv.isEmpty()) {
                problems.add(JsonPaths.key(path, "secondary"), "box '" + secondary.id() + "' has no volume '" + vv[1]
                        + "' to receive " + primary.id() + "/" + vv[0] + " (a box pair replicates each volume to the"
                        + " secondary's volume of the same id)");
            } else if (sizeInTracks(sv.get().sizeBytes(), secondary) < sizeInTracks(pv.get().sizeBytes(), primary)) {
                problems.add(JsonPaths.key(path, "secondary"), "volume " + secondary.id() + "/" + vv[1]
                        + " is smaller than " + primary.id() + "/" + vv[0]);
            } else if (secondary.cache().trackSizeBytes() != primary.cache().trackSizeBytes()) {
                problems.add(JsonPaths.key(path, "secondary"), "boxes '" + primary.id() + "' and '" + secondary.id()
                        + "' have different track sizes; replicated volumes need the same");
            }
        }
    }

    /** Primary volume → index of the pair replicating it; secondary volume → index of the pair writing it. */
    private final Map<String, Integer> primaryVolumes = new LinkedHashMap<>();
    private final Map<String, Integer> secondaryVolumes = new LinkedHashMap<>();

    /**
     * Each volume takes part in at most one pair, on one side. Refused, each at the later pair's own path:
     * a repeated pair; fan-out (one primary volume to two secondaries: a host write would have to
     * enter two sessions, which the engines do not model); fan-in (two primaries writing one
     * secondary volume, whose image would then be neither's); a cascade or a reverse pair (a
     * secondary volume that is also a primary: writes applied at a secondary are not replicated again).
     */
    private void volumePairs(int index, Pair p, String path) {
        List<String[]> pairs = new ArrayList<>();
        if (p.primary().contains("/") && p.secondary().contains("/")) {
            pairs.add(new String[] {p.primary(), p.secondary()});
        } else if (!p.primary().contains("/") && !p.secondary().contains("/")) {
            for (var v : s.box(p.primaryBox()).volumes()) {
                pairs.add(new String[] {p.primaryBox() + "/" + v.id(), p.secondaryBox() + "/" + v.id()});
            }
        }
        for (String[] vv : pairs) {
            Integer asPrimary = primaryVolumes.get(vv[0]);
            Integer sameSecondary = secondaryVolumes.get(vv[1]);
            if (asPrimary != null && asPrimary == index || sameSecondary != null && sameSecondary == index) {
                continue;
            }
            String other = asPrimary != null ? JsonPaths.index("replication.pairs", asPrimary) : null;
            if (asPrimary != null && s.replication().pairs().get(asPrimary).secondaryBox().equals(p.secondaryBox())
                    && vv[1].equals(secondaryOf(vv[0]))) {
                problems.add(path, "volume " + vv[0] + " → " + vv[1] + " is already replicated by " + other
                        + "; list each pair once");
            } else if (asPrimary != null) {
                problems.add(JsonPaths.key(path, "secondary"), "volume " + vv[0] + " is already the primary of " + other
                        + " (to " + secondaryOf(vv[0]) + "); replicating one primary volume to two secondaries (fan-out)"
                        + " is not supported: each host write would have to enter two sessions");
            } else if (sameSecondary != null) {
                problems.add(JsonPaths.key(path, "secondary"), "volume " + vv[1] + " already receives "
                        + primaryOf(vv[1]) + " by " + JsonPaths.index("replication.pairs", sameSecondary)
                        + "; two primaries cannot write one secondary volume (its image would be neither's)");
            } else if (secondaryVolumes.containsKey(vv[0])) {
                problems.add(JsonPaths.key(path, "primary"), "volume " + vv[0] + " is the secondary of "
                        + JsonPaths.index("replication.pairs", secondaryVolumes.get(vv[0])) + " (from " + primaryOf(vv[0])
                        + "); a secondary volume cannot also be a primary: cascaded and reverse pairs are not modelled"
                        + " (writes applied at a secondary are not replicated again)");
            } else if (primaryVolumes.containsKey(vv[1])) {
                problems.add(JsonPaths.key(path, "secondary"), "volume " + vv[1] + " is the primary of "
                        + JsonPaths.index("replication.pairs", primaryVolumes.get(vv[1])) + " (to " + secondaryOf(vv[1])
                        + "); a primary volume cannot also be a secondary: cascaded and reverse pairs are not modelled"
                        + " (writes applied at a secondary are not replicated again)");
            } else {
                primaryVolumes.put(vv[0], index);
                secondaryVolumes.put(vv[1], index);
                volumePartner.put(vv[0], vv[1]);
                volumePartner.put(vv[1], vv[0]);
            }
        }
    }

    private final Map<String, String> volumePartner = new LinkedHashMap<>();

    private String secondaryOf(String primaryVolume) {
        return volumePartner.get(primaryVolume);
    }

    private String primaryOf(String secondaryVolume) {
        return volumePartner.get(secondaryVolume);
    }

    /**
     * In cycle mode a primary box runs one session, which the consistency group counts as one
     * member: its pairs all go to one secondary box (several pairs of the same two boxes share
     * that session, so they must use the same links).
     */
    /** {@code report.cycles: per-cycle} sums the boxes' cycles of one number: group-wide numbers only. */
    private void perCycleRows(Replication r) {
        if (!"per-cycle".equals(s.report().cycles()) || !r.mode().equals("cycle") || !r.consistency().mode().equals("none")) {
            return;
        }
        long sessions = r.pairs().stream().map(p -> p.primaryBox() + "\n" + p.secondaryBox()).distinct().count();
        if (sessions > 1) {
            problems.add("report.cycles", "per-cycle sums the boxes' cycles of one number, which are one cycle only in "
                    + "a consistency group: set replication.consistency.mode to host or shuttle, or report.cycles to "
                    + "per-box (the " + sessions + " sessions here switch on their own)");
        }
    }

    private void oneSecondaryPerPrimaryBox(Replication r) {
        Map<String, Integer> first = new LinkedHashMap<>();
        Map<String, Integer> sessionNames = new LinkedHashMap<>();
        for (int i = 0; i < r.pairs().size(); i++) {
            Pair p = r.pairs().get(i);
            String path = JsonPaths.index("replication.pairs", i);
            if (!boxes.containsKey(p.primaryBox()) || !boxes.containsKey(p.secondaryBox())
                    || problems.hasAtOrUnder(path)) {
                continue;
            }
            Integer j = first.putIfAbsent(p.primaryBox(), i);
            if (j == null) {
                sessionNameUnique(p, i, path, sessionNames);
                continue;
            }
            Pair q = r.pairs().get(j);
            String other = JsonPaths.index("replication.pairs", j);
            if (!q.secondaryBox().equals(p.secondaryBox())) {
                problems.add(JsonPaths.key(path, "secondary"), "in cycle mode box '" + p.primaryBox()
                        + "' runs one session, to box '" + q.secondaryBox() + "' (" + other + "); it cannot also"
                        + " replicate to box '" + p.secondaryBox() + "'");
            } else if (!s.linksOf(p).equals(s.linksOf(q))) {
                problems.add(JsonPaths.key(path, "links"), "pairs of boxes '" + p.primaryBox() + "' and '"
                        + p.secondaryBox() + "' share one session in cycle mode, so they use the same links; "
                        + other + " uses " + s.linksOf(q).stream().map(Link::id).toList());
            }
        }
    }

    /**
     * A cycle session is named primary-secondary (its metrics carry that name), and box ids may
     * contain '-': boxes 'a-b' to 'c' and 'a' to 'b-c' would name the same session.
     */
    private void sessionNameUnique(Pair p, int i, String path, Map<String, Integer> sessionNames) {
        String name = p.primaryBox() + "-" + p.secondaryBox();
        Integer k = sessionNames.putIfAbsent(name, i);
        if (k != null) {
            Pair q = s.replication().pairs().get(k);
            problems.add(JsonPaths.key(path, "primary"), "the cycle session of boxes '" + p.primaryBox() + "' and '"
                    + p.secondaryBox() + "' would be named '" + name + "', as is the session of boxes '" + q.primaryBox()
                    + "' and '" + q.secondaryBox() + "' (" + JsonPaths.index("replication.pairs", k)
                    + "); rename a box so that primary-secondary names differ");
        }
    }

    private static long sizeInTracks(long sizeBytes, org.repsim.scenario.spec.Box box) {
        long track = box.cache().trackSizeBytes();
        return (sizeBytes + track - 1) / track;
    }

    private void workloads() {
        for (int i = 0; i < s.workloads().size(); i++) {
            Workload w = s.workloads().get(i);
            String path = JsonPaths.index("workloads", i);
            for (int j = 0; j < w.volumes().size(); j++) {
                volume(w.volumes().get(j), JsonPaths.index(JsonPaths.key(path, "volumes"), j));
            }
            if ((w.arrival() == null) == (w.trace() == null) && !problems.hasAtOrUnder(JsonPaths.key(path, "arrival"))
                    && !problems.hasAtOrUnder(JsonPaths.key(path, "trace"))) {
                problems.add(path, "a workload has exactly one of 'arrival' and 'trace'");
            }
            if (w.arrival() instanceof Arrival.Open open) {
                String a = JsonPaths.key(path, "arrival");
                if (open.process().equals("mmpp") && open.states().size() < 2) {
                    problems.add(JsonPaths.key(a, "states"), "an mmpp process needs at least two states");
                }
                for (int j = 1; j < open.profile().size(); j++) {
                    if (open.profile().get(j).atNs() <= open.profile().get(j - 1).atNs()) {
                        problems.add(JsonPaths.index(JsonPaths.key(a, "profile"), j), "profile times must increase");
                    }
                }
                if (w.dependent()) {
                    problems.add(JsonPaths.key(path, "dependent"), "dependent writes need a closed arrival (streams)");
                }
            }
            if (w.trace() != null) {
                for (Map.Entry<String, String> e : w.trace().disks().entrySet()) {
                    volume(e.getValue(), JsonPaths.key(JsonPaths.key(JsonPaths.key(path, "trace"), "disks"), e.getKey()));
                }
            }
        }
    }

    private void faults() {
        int firstDisaster = -1;
        for (int i = 0; i < s.faults().size(); i++) {
            Fault f = s.faults().get(i);
            String path = JsonPaths.index("faults", i);
            if (f == null) {
                continue;
            }
            if (s.run().durationNs() > 0 && f.atNs() >= s.run().durationNs()) {
                problems.add(JsonPaths.key(path, "at"), "fault time is not before run.duration");
            }
            if (f instanceof Fault.LinkDown d) {
                ref(d.link(), links, JsonPaths.key(path, "link"), "link");
            } else if (f instanceof Fault.LinkDegrade d) {
                ref(d.link(), links, JsonPaths.key(path, "link"), "link");
            } else if (f instanceof Fault.Disaster d) {
                ref(d.site(), sites, JsonPaths.key(path, "site"), "site");
                if (firstDisaster >= 0) {
                    problems.add(path, "a second disaster: the run ends at the first one ("
                            + JsonPaths.index("faults", firstDisaster) + "); one disaster per scenario (docs/model.md §7)");
                } else {
                    firstDisaster = i;
                }
            } else if (f instanceof Fault.ProcessorSlowdown p && ref(p.box(), boxes, JsonPaths.key(path, "box"), "box")) {
                List<String> pools = new ArrayList<>(List.of("hostAdapters", "remoteAdapters"));
                s.box(p.box()).processors().forEach(n -> pools.add(n.id()));
                Replication r = s.replication();
                // the engines add pools: ordered mode prepare and sender on each primary, cycle mode apply on each secondary
                if (r != null && r.mode().equals("ordered") && r.pairs().stream().anyMatch(q -> q.primaryBox().equals(p.box()))) {
                    pools.add("prepare");
                    pools.add("sender");
                }
                if (r != null && r.mode().equals("cycle") && !pools.contains("apply")
                        && r.pairs().stream().anyMatch(q -> q.secondaryBox().equals(p.box()))) {
                    pools.add("apply");
                }
                if (!pools.contains(p.pool())) {
                    problems.add(JsonPaths.key(path, "pool"), "box '" + p.box() + "' has no processor pool '" + p.pool()
                            + "'; one of " + String.join(", ", pools) + Keys.didYouMean(p.pool(), pools));
                }
            }
        }
    }

    private boolean boxOrVolume(String ref, String path) {
        return ref.contains("/") ? volume(ref, path) : ref(ref, boxes, path, "box");
    }

    /** True if box {@code id}'s {@code like} was reported as wrong (its copied keys are missing, not absent). */
    private boolean likeFailed(String id) {
        for (int i = 0; i < s.boxes().size(); i++) {
            if (id.equals(s.boxes().get(i).id())) {
                return problems.hasAtOrUnder("boxes[" + i + "].like");
            }
        }
        return false;
    }

        private boolean volume(String ref, String path) {
        int slash = ref.indexOf('/');
        if (slash < 0) {
            Box example = s.boxes().stream().filter(b -> boxes.containsKey(b.id())).findFirst().orElse(null);
            problems.add(path, "'" + ref + "' is not a volume reference: write box/volume, e.g. \""
                    + (example == null ? "r1a/db" : example.id() + "/" + firstVolume(example)) + "\"");
            return false;
        }
        String box = ref.substring(0, slash);
        String volume = ref.substring(slash + 1);
        if (!ref(box, boxes, path, "box")) {
            return false;
        }
        Set<String> volumes = volumesByBox.getOrDefault(box, Set.of());
        if (!volumes.contains(volume) && likeFailed(box)) {
            return false; // the box's own 'like' is reported: what it would have copied is unknown
        }
        if (!volumes.contains(volume)) {
            problems.add(path, "box '" + box + "' has no volume '" + volume + "'" + Keys.didYouMean(volume, volumes)
                    + (volumes.isEmpty() ? "; it has no volumes" : "; its volumes: " + String.join(", ", volumes)));
            return false;
        }
        return true;
    }

    private static String firstVolume(Box b) {
        return b.volumes().isEmpty() ? "db" : b.volumes().get(0).id();
    }

    private boolean ref(String id, Map<String, Integer> known, String path, String what) {
        if (id == null || id.isEmpty()) {
            // a missing key is reported where it is missing; an empty one given here is reported here
            String parent = JsonPaths.parent(path);
            if (id != null && !problems.hasAtOrUnder(parent == null ? path : parent)) {
                problems.add(path, "an empty " + what + " reference; name a " + what
                        + (known.isEmpty() ? "" : ", one of " + String.join(", ", known.keySet())));
            }
            return false;
        }
        if (!known.containsKey(id)) {
            problems.add(path, "unknown " + what + " '" + id + "'" + Keys.didYouMean(id, known.keySet())
                    + (known.isEmpty() ? "" : "; known: " + String.join(", ", known.keySet())));
            return false;
        }
        return true;
    }

    private <T> Map<String, Integer> unique(List<T> list, Function<T, String> id, String path, String what) {
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String key = list.get(i) == null ? null : id.apply(list.get(i));
            if (key == null || key.isEmpty()) {
                continue;
            }
            Integer first = seen.putIfAbsent(key, i);
            if (first != null) {
                problems.add(JsonPaths.key(JsonPaths.index(path, i), "id"), "duplicate " + what + " id '" + key
                        + "' (also at " + JsonPaths.index(path, first) + ")");
            }
        }
        return seen;
    }
}
