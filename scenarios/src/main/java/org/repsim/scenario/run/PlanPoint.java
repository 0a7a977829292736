package org.repsim.scenario.run;

import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.regex.Pattern;
import org.repsim.scenario.spec.Scenario;

/**
 * One sweep point of an experiment: its identifier (also its directory name under
 * {@code runs/}), the swept parameters (scenario path → value as written, in swept-path order)
 * and the resolved scenario of this point (null for a model that needs none). The runner never
 * looks inside {@code scenario}; it hands it back to the {@link ReplicationModel}.
 */
public record PlanPoint(String id, LinkedHashMap<String, String> params, Scenario scenario) {

    /** Point ids name directories, so they are restricted to portable file-name characters. */
    static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public PlanPoint {
        Objects.requireNonNull(id, "point id");
        if (!SAFE_NAME.matcher(id).matches()) {
            throw new IllegalArgumentException("point id '" + id
                    + "' must start with a letter or digit and use only letters, digits, '.', '_' and '-'");
        }
        params = new LinkedHashMap<>(Objects.requireNonNull(params, "point params"));
    }

    /** A point of an experiment without a sweep: no parameters. */
    public static PlanPoint single(String id, Scenario scenario) {
        return new PlanPoint(id, new LinkedHashMap<>(), scenario);
    }
}
