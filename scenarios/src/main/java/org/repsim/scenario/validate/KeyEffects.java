package org.repsim.scenario.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.repsim.scenario.spec.Link;
import org.repsim.scenario.spec.Pair;
import org.repsim.scenario.spec.Problem;
import org.repsim.scenario.spec.Replication;
import org.repsim.scenario.spec.Scenario;
import org.repsim.scenario.spec.ScenarioPath;
import org.repsim.scenario.spec.Workload;

/**
 * Which scenario keys take effect in which mode (docs/scenario-format.md "Keys without effect").
 * The table follows what the model builder reads ({@code scenario/build}: SyncEngine, OrderedEngine,
 * CycleEngine, Topology): a key it does not read in the scenario's replication mode, consistency mode
 * or switching has no effect there, whatever its value. {@code KeyEffectsTest} runs each (key, mode)
 * pair of the table twice with two values and checks that the results differ exactly where the table
 * says the key takes effect.
 *
 * <p>A key written in the file (or by {@code --set}) that has no effect at any point of the run is
 * a warning, and so is a value a sweep variant sets without effect at any of its points; a sweep
 * axis at such a path, or {@code repsim size --vary} over it, is refused. Defaults are never warned about: only keys present in the tree as written count.
 *
 * <p>Besides the table of replication keys, a workload whose I/Os come from a trace
 * ({@code workloads[].trace}) does not read the keys of a synthetic workload ({@link #TRACE_IGNORES}):
 * the builder hands a trace workload only its volumes and trace settings ({@code scenario/build}
 * Workloads, {@code TraceWorkload}), and each I/O keeps its record's offset, size and op type
 * (docs/model.md §2).
 */
public final class KeyEffects {

    /**
     * Why a key has no effect: under {@code condition} (e.g. {@code replication.consistency.mode shuttle},
     * set at {@code deciding}), {@code reason}; {@code instead} names the key that governs what the
     * user presumably meant to change (null when none does).
     */
    public record Inert(String key, String deciding, String condition, String reason, String instead) {

        /** The stderr warning for a key written in the file. */
        public String warning() {
            return "has no effect under " + condition + ": " + reason
                    + (instead == null ? "" : "; " + instead + " governs");
        }

        /** Why a sweep (or {@code size --vary}) over {@code path} is refused. */
        public String refusal(String path) {
            return "cannot vary " + path + ": under " + condition + ", " + reason
                    + (instead == null ? " (every value gives the same results)" : ": vary " + instead + " instead");
        }
    }

    /** One row of the table: the key (a path of object keys) and when it has no effect. */
    private record Rule(String key, Function<Scenario, Inert> inertIn) {
    }

    private static final String MODE = "replication.mode";
    private static final String CONSISTENCY = "replication.consistency.mode";
    private static final String SWITCHING = "replication.cycle.switching";
    private static final String MIN_NUMBER_TIME = "replication.consistency.minNumberTime";

    /** Outer keys first: a block without effect is reported once, not once per key inside it. */
    private static final List<Rule> RULES = List.of(
            modeBlock("replication.sync", "sync", "docs/model.md §3"),
            modeBlock("replication.ordered", "ordered", "docs/model.md §4"),
            modeBlock("replication.cycle", "cycle", "docs/model.md §5"),
            modeBlock("replication.consistency", "cycle", "docs/model.md §6"),
            new Rule("report.cycles", sc -> sc.replication() == null
                    ? new Inert("report.cycles", "replication", "no replication", "cycles.csv is written in cycle mode only", null)
                    : !"cycle".equals(sc.replication().mode())
                            ? new Inert("report.cycles", MODE, MODE + " " + sc.replication().mode(),
                                    "cycles.csv is written in cycle mode only", null)
                            : null),
            // cycle mode: who switches (docs/model.md §5, §6a, §6b)
            new Rule(SWITCHING, sc -> switchedByGroup(sc, SWITCHING, "replication.cycle.minCycleTime")),
            new Rule("replication.cycle.minCycleTime", sc -> shuttle(sc)
                    ? new Inert("replication.cycle.minCycleTime", CONSISTENCY, CONSISTENCY + " shuttle",
                            "numbers close by the shuttle (docs/model.md §6b), at least minNumberTime apart",
                            MIN_NUMBER_TIME)
                    : null),
            new Rule("replication.cycle.maxTransmitCycles", sc -> {
                Inert group = switchedByGroup(sc, "replication.cycle.maxTransmitCycles", null);
                if (group != null || !cycle(sc) || !"legacy".equals(sc.replication().cycle().switching())) {
                    return group;
                }
                return new Inert("replication.cycle.maxTransmitCycles", SWITCHING, SWITCHING + " legacy",
                        "legacy switching waits for the transmit cycle to be sent, one at a time (docs/model.md §5); "
                                + "the queue bound is for switching multi", SWITCHING);
            }),
            new Rule("replication.cycle.spillPool", sc -> cycle(sc) && !sc.replication().cycle().onCachePressure().contains("spill")
                    ? new Inert("replication.cycle.spillPool", "replication.cycle.onCachePressure",
                            "replication.cycle.onCachePressure " + sc.replication().cycle().onCachePressure(),
                            "only the spill policy uses the spill pool (docs/model.md §5)", "replication.cycle.onCachePressure")
                    : null),
            // a secondary's own apply pool sets the apply cost (docs/model.md §1, §5)
            new Rule("replication.cycle.apply.perSlot", KeyEffects::applyPoolOfEverySecondary),
            // consistency group settings (docs/model.md §6a, §6b)
            groupKey("pollInterval", "host"),
            groupKey("messageLatency", "host", "shuttle"),
            groupKey("hop", "shuttle"),
            groupKey("processing", "shuttle"),
            groupKey("ack", "shuttle"),
            groupKey("minNumberTime", "shuttle"),
            // sync and ordered settings that one choice of their mode switches off
            new Rule("replication.sync.suspendAfter", sc -> sync(sc) && "stall".equals(sc.replication().sync().onLinkFailure())
                    ? new Inert("replication.sync.suspendAfter", "replication.sync.onLinkFailure",
                            "replication.sync.onLinkFailure stall", "host writes wait for the link however long (docs/model.md §3)",
                            "replication.sync.onLinkFailure")
                    : null),
            new Rule("replication.ordered.onCacheFull", sc -> ordered(sc)
                    && "copy-passes".equals(sc.replication().ordered().source())
                    ? new Inert("replication.ordered.onCacheFull", "replication.ordered.source",
                            "replication.ordered.source copy-passes",
                            "host writes keep no copies in the cache, they only mark tracks out-of-sync (docs/model.md §4)", null)
                    : null),
            // compression (docs/model.md §7a)
            new Rule("replication.compression", sc -> sc.replication() != null && !anyPairCompresses(sc)
                    ? new Inert("replication.compression", "links", "links[].compression 1 on every link of the pairs",
                            "only transfers over a link that compresses cost processor time (docs/model.md §7a)",
                            "links[].compression")
                    : null),
            new Rule("replication.compression.throughput", sc -> sc.replication() != null
                    && sc.replication().compression().pool() == null
                    ? new Inert("replication.compression.throughput", "replication.compression.pool",
                            "no replication.compression.pool", "compression costs no time (docs/model.md §7a)",
                            "replication.compression.pool")
                    : null));

    /**
     * The keys of a workload that a trace replay does not read, each with what governs instead
     * (docs/model.md §2: a record keeps its byte offset, size and op type; it is issued at its
     * trace time, or, with {@code timing: synthetic}, when the previous one completes).
     */
    private static final Map<String, String> TRACE_IGNORES = traceIgnores();

    private static Map<String, String> traceIgnores() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("writeFraction", "each I/O is a read or a write as its trace record says; the trace's own op types govern");
        m.put("size", "each I/O has its trace record's size; the trace's own sizes govern");
        m.put("address", "each I/O starts at its trace record's byte offset; the trace's own offsets govern");
        m.put("blockSize", "each I/O starts at its trace record's byte offset, not at a multiple of blockSize; "
                + "the trace's own offsets govern");
        m.put("dependent", "I/Os are issued at their trace times (with timing synthetic, each when the previous one "
                + "completes), not by closed-loop streams; the trace's own timing governs");
        return m;
    }

    private KeyEffects() {
    }

    /** The workload keys a trace replay does not read. */
    public static List<String> traceIgnoredKeys() {
        return List.copyOf(TRACE_IGNORES.keySet());
    }

    /** The keys of the table, outer keys first. */
    public static List<String> keys() {
        return RULES.stream().map(Rule::key).toList();
    }

    /**
     * Why {@code path} (or an object holding it) has no effect in {@code sc}; empty when it may
     * have one. A path that does not parse has no rule.
     */
    public static Optional<Inert> of(Scenario sc, String path) {
        List<String> keys;
        try {
            keys = keysOf(path);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        Inert trace = traceIgnored(sc, path);
        if (trace != null) {
            return Optional.of(trace);
        }
        for (Rule r : RULES) {
            List<String> rule = List.of(r.key().split("\\."));
            if (keys.size() >= rule.size() && keys.subList(0, rule.size()).equals(rule)) {
                Inert inert = r.inertIn().apply(sc);
                if (inert != null) {
                    return Optional.of(inert);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Warnings for the keys written in {@code raw} that have no effect at any of {@code points}
     * (the run's resolved points; one without a sweep): the outermost such key once, at its place.
     */
    static List<Problem> warnings(JsonNode raw, Problems locations, List<Scenario> points) {
        List<Problem> out = new ArrayList<>();
        List<String> warned = new ArrayList<>();
        for (Rule r : RULES) {
            if (!written(raw, r.key()) || warned.stream().anyMatch(w -> r.key().startsWith(w + "."))) {
                continue;
            }
            Inert first = null;
            for (Scenario sc : points) {
                Optional<Inert> inert = of(sc, r.key());
                if (inert.isEmpty()) {
                    first = null;
                    break;
                }
                if (first == null) {
                    first = inert.get();
                }
            }
            if (first != null) {
                warned.add(r.key());
                int[] at = locations.locate(r.key());
                out.add(new Problem(r.key(), at == null ? 0 : at[0], at == null ? 0 : at[1], first.warning()));
            }
        }
        JsonNode workloads = raw.get("workloads");
        for (int i = 0; workloads != null && workloads.isArray() && i < workloads.size(); i++) {
            JsonNode w = workloads.get(i);
            for (String key : TRACE_IGNORES.keySet()) {
                if (!w.isObject() || !w.has(key)) {
                    continue;
                }
                String path = "workloads[" + i + "]." + key;
                Inert first = null;
                for (Scenario sc : points) {
                    Inert inert = traceIgnored(sc, path);
                    if (inert == null) {
                        first = null;
                        break;
                    }
                    first = first == null ? inert : first;
                }
                if (first != null) {
                    int[] at = locations.locate(path);
                    out.add(new Problem(path, at == null ? 0 : at[0], at == null ? 0 : at[1], first.warning()));
                }
            }
        }
        out.sort(java.util.Comparator.comparingInt(Problem::line).thenComparing(Problem::path));
        return out;
    }

    /**
     * Why {@code path} ({@code workloads[SEL].KEY…}) has no effect in {@code sc}: KEY is one a trace
     * replay does not read and the workload SEL (an id or an index) replays a trace; else null.
     */
    private static Inert traceIgnored(Scenario sc, String path) {
        List<ScenarioPath.Step> steps;
        try {
            steps = ScenarioPath.parse(path).steps();
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (steps.size() < 3 || !"workloads".equals(steps.get(0).key()) || steps.get(1).isKey()
                || !steps.get(2).isKey() || !TRACE_IGNORES.containsKey(steps.get(2).key()) || sc.workloads() == null) {
            return null;
        }
        String selector = steps.get(1).selector();
        int index = -1;
        for (int i = 0; i < sc.workloads().size(); i++) {
            if (sc.workloads().get(i).id().equals(selector)) {
                index = i;
                break;
            }
        }
        if (index < 0 && selector.matches("\\d+")) {
            index = Integer.parseInt(selector);
        }
        if (index < 0 || index >= sc.workloads().size()) {
            return null;
        }
        Workload w = sc.workloads().get(index);
        if (w.trace() == null) {
            return null;
        }
        String key = steps.get(2).key();
        return new Inert("workloads[]." + key, "workloads[" + index + "].trace",
                "trace replay (workloads[" + w.id() + "].trace)", TRACE_IGNORES.get(key) + " (docs/model.md §2)", null);
    }

    /** Whether {@code raw} holds a value at {@code key} (a path of object keys). */
    static boolean written(JsonNode raw, String key) {
        JsonNode node = raw;
        for (String k : key.split("\\.")) {
            if (node == null || !node.isObject() || !node.has(k)) {
                return false;
            }
            node = node.get(k);
        }
        return true;
    }

    /** The object keys of a path; a list selector ends the keys (no rule lies inside a list). */
    private static List<String> keysOf(String path) {
        List<String> keys = new ArrayList<>();
        for (ScenarioPath.Step s : ScenarioPath.parse(path).steps()) {
            if (!s.isKey()) {
                keys.add("[]");
                continue;
            }
            keys.add(s.key());
        }
        return keys;
    }

    private static Rule modeBlock(String key, String mode, String section) {
        return new Rule(key, sc -> {
            Replication r = sc.replication();
            if (r == null) {
                return new Inert(key, "replication", "no replication", "nothing is replicated", null);
            }
            if (r.mode().equals(mode)) {
                return null;
            }
            return new Inert(key, MODE, MODE + " " + r.mode(), "these settings are read in " + mode + " mode only ("
                    + section + ")" + (key.equals(settingsOf(r.mode())) ? "" : "; " + r.mode() + " mode's are "
                            + settingsOf(r.mode())), null);
        });
    }

    /** The settings block of a replication mode. */
    private static String settingsOf(String mode) {
        return switch (mode) {
            case "sync" -> "replication.sync";
            case "ordered" -> "replication.ordered";
            default -> "replication.cycle";
        };
    }

    /** A cycle key the group's switching replaces (host or shuttle consistency), else null. */
    private static Inert switchedByGroup(Scenario sc, String key, String hostInstead) {
        if (!cycle(sc)) {
            return null;
        }
        String mode = sc.replication().consistency().mode();
        if (mode.equals("host")) {
            return new Inert(key, CONSISTENCY, CONSISTENCY + " host", "the coordinator switches every box when all are "
                    + "ready and minCycleTime has passed (docs/model.md §6a)", hostInstead == null
                            ? "replication.consistency.pollInterval" : hostInstead);
        }
        if (mode.equals("shuttle")) {
            return new Inert(key, CONSISTENCY, CONSISTENCY + " shuttle",
                    "numbers close by the shuttle (docs/model.md §6b), at least minNumberTime apart", MIN_NUMBER_TIME);
        }
        return null;
    }

    /** A {@code replication.consistency} key read only in the given consistency modes. */
    private static Rule groupKey(String name, String... modes) {
        String key = "replication.consistency." + name;
        return new Rule(key, sc -> {
            if (!cycle(sc)) {
                return null; // the whole block is without effect: modeBlock
            }
            String mode = sc.replication().consistency().mode();
            if (List.of(modes).contains(mode)) {
                return null;
            }
            String instead = mode.equals("none") ? SWITCHING : mode.equals("host") ? "replication.consistency.pollInterval"
                    : MIN_NUMBER_TIME;
            return new Inert(key, CONSISTENCY, CONSISTENCY + " " + mode, name + " is read with consistency.mode "
                    + String.join(" or ", modes) + " only (docs/model.md §6)", instead);
        });
    }

    private static boolean anyPairCompresses(Scenario sc) {
        for (Pair p : sc.replication().pairs()) {
            try {
                for (Link l : sc.linksOf(p)) {
                    if (l.compression() > 1) {
                        return true;
                    }
                }
            } catch (RuntimeException e) {
                return true; // an unresolved reference is reported elsewhere; assume an effect
            }
        }
        return false;
    }

    /** perSlot is inert when every pair's secondary declares its own {@code apply} processors, whose service time rules. */
    private static Inert applyPoolOfEverySecondary(Scenario sc) {
        if (!cycle(sc) || sc.replication().pairs().isEmpty()) {
            return null;
        }
        String first = null;
        for (var pair : sc.replication().pairs()) {
            var box = sc.boxes().stream().filter(b -> b.id().equals(pair.secondaryBox())).findFirst().orElse(null);
            if (box == null || box.processors().stream().noneMatch(pool -> pool.id().equals("apply"))) {
                return null;
            }
            first = first == null ? box.id() : first;
        }
        String pools = "boxes[" + first + "].processors";
        return new Inert("replication.cycle.apply.perSlot", pools,
                "an apply processor pool on every secondary (" + pools + "[apply])",
                "a secondary's own apply pool sets the cost of applying a slot (docs/model.md §5)",
                pools + "[apply].serviceTime");
    }

    private static boolean cycle(Scenario sc) {
        return sc.replication() != null && "cycle".equals(sc.replication().mode());
    }

    private static boolean sync(Scenario sc) {
        return sc.replication() != null && "sync".equals(sc.replication().mode());
    }

    private static boolean ordered(Scenario sc) {
        return sc.replication() != null && "ordered".equals(sc.replication().mode());
    }

    private static boolean shuttle(Scenario sc) {
        return cycle(sc) && "shuttle".equals(sc.replication().consistency().mode());
    }
}
