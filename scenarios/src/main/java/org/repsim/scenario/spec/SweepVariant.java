package org.repsim.scenario.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One named variant of a sweep's {@code variants} axis (docs/scenario-format.md, "Sweeps"): a point
 * of that axis sets every path of {@code set} to its value, as written in the file.
 *
 * @param name the variant's name: the value of the {@code variant} column of {@code summary.csv}
 * @param set scenario path → value, in the order written; may be empty (the scenario as written)
 */
public record SweepVariant(String name, Map<String, JsonNode> set) {

    /** The parameter name a variant axis has in a point's params, {@code run.json} and {@code summary.csv}. */
    public static final String COLUMN = org.repsim.core.result.ExperimentSummary.VARIANT_PARAMETER;

    /** The key of {@code sweep} that holds the variants. */
    public static final String SWEEP_KEY = "variants";

    public SweepVariant {
        set = Collections.unmodifiableMap(new LinkedHashMap<>(set));
    }
}
