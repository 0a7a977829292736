package org.repsim.report.html;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.repsim.core.measure.Measures;
import org.repsim.core.measure.MetricFamily;
import org.repsim.core.measure.MetricSelector;

/** The headline metrics of the catalogue ({@link Measures#HEADLINES}) in the order the report lists them. */
public final class Headlines {

    private Headlines() {
    }

    /** The headline metrics among {@code names}, in report order; a family's members sorted by name. */
    public static List<String> headlines(Collection<String> names) {
        List<String> out = new ArrayList<>();
        for (MetricSelector h : Measures.HEADLINES) {
            if (h instanceof MetricFamily) {
                for (String n : new TreeSet<>(names)) {
                    if (h.matches(n) && !out.contains(n)) {
                        out.add(n);
                    }
                }
            } else {
                for (String n : names) {
                    if (h.matches(n) && !out.contains(n)) {
                        out.add(n);
                    }
                }
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
