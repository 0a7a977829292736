package org.repsim.scenario.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One point of a scenario's run matrix: a stable id ({@code p000}, {@code p001}, …), the swept
 * values by sweep path in the order of the sweep, and the resolved scenario with them applied.
 */
public record SweepPoint(String id, Map<String, JsonNode> params, Scenario scenario) {

    public SweepPoint {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** Parameters as text: strings as written ("2 Gbit/s"), other values as JSON (10, true). */
    public Map<String, String> paramText() {
        Map<String, String> text = new LinkedHashMap<>();
        params.forEach((k, v) -> text.put(k, v.isTextual() ? v.textValue() : v.toString()));
        return Collections.unmodifiableMap(text);
    }
}
