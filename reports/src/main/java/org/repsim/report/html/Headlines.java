package org.repsim.report.html;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/** The headline metric names of SCENARIO.md in the order the report lists them. */
public final class Headlines {

    /** {@code link.*.utilization} entries take the place of this marker. */
    private static final String LINKS = "link.*.utilization";

    public static final List<String> ORDER = List.of(
            "host.write.latency.mean", "host.write.latency.p50", "host.write.latency.p99", "host.write.latency.p999",
            "host.read.latency.mean", "host.read.latency.p99", "host.writes", LINKS,
            "rpo.lag.mean", "rpo.lag.max", "rpo.aboveTarget.fraction",
            "ordered.reorder.depth.mean", "ordered.reorder.depth.max", "ordered.outOfOrder",
            "cycle.duration.mean", "cycle.duration.max", "cycle.bytes.mean", "cycle.folding.mean",
            "cache.session.peak", "spill.peak", "session.drops", "consistency.violations", "shuttle.round.mean",
            "disaster.lost.writes", "disaster.lost.bytes", "disaster.lost.span");

    private Headlines() {
    }

    public static boolean isLinkUtilization(String name) {
        return name.startsWith("link.") && name.endsWith(".utilization");
    }

    /** The headline metrics among {@code names}, in report order. */
    public static List<String> headlines(Collection<String> names) {
        List<String> out = new ArrayList<>();
        for (String h : ORDER) {
            if (h.equals(LINKS)) {
                for (String n : new TreeSet<>(names)) {
                    if (isLinkUtilization(n)) {
                        out.add(n);
                    }
                }
            } else if (names.contains(h)) {
                out.add(h);
            }
        }
        return out;
    }

    /** All of {@code names}: headlines first in report order, then the others alphabetically. */
    public static List<String> all(Collection<String> names) {
        List<String> out = headlines(names);
        for (String n : new TreeSet<>(names)) {
            if (!out.contains(n)) {
                out.add(n);
            }
        }
        return out;
    }
}
