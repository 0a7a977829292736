package org.repsim.scenario.spec;

import static org.repsim.scenario.spec.Units.Kind.*;

import java.util.List;
import java.util.Map;

/** A replication pair: a primary box (or box/volume) to a secondary one. */
public record Pair(
        @Doc("Primary: a box id, or box/volume.") String primary,
        @Doc("Secondary: a box id, or box/volume.") String secondary,
        @Default("[]") @Doc("Ids of the links the pair uses; empty: every link joining the two sites.") List<String> links) {

    public Pair {
        links = List.copyOf(links);
    }

    /** The box part of {@link #primary()}. */
    public String primaryBox() {
        return boxPart(primary);
    }

    /** The box part of {@link #secondary()}. */
    public String secondaryBox() {
        return boxPart(secondary);
    }

    private static String boxPart(String ref) {
        int slash = ref.indexOf('/');
        return slash < 0 ? ref : ref.substring(0, slash);
    }
}
