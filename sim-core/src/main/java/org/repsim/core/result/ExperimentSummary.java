package org.repsim.core.result;

import java.util.List;

/** What {@code summary.json} holds: the scenario's name, the tool version and every sweep point. */
public record ExperimentSummary(String scenario, String version, List<String> sweptPaths, List<PointSummary> points) {

    /**
     * The swept parameter of a sweep over named variants (docs/scenario-format.md, "Sweeps"): its
     * value at a point is the variant's name.
     */
    public static final String VARIANT_PARAMETER = "variant";

    /** True when the points differ by named variant (among other swept parameters, perhaps). */
    public boolean sweepsVariants() {
        return sweptPaths.contains(VARIANT_PARAMETER);
    }
}
