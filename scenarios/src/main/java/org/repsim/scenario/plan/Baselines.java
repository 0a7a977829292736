package org.repsim.scenario.plan;

import java.util.List;
import java.util.Map;
import org.repsim.report.html.Baseline;
import org.repsim.scenario.spec.Problem;
import org.repsim.scenario.spec.Scenario;
import org.repsim.scenario.spec.ScenarioException;
import org.repsim.scenario.spec.SweepPoint;
import org.repsim.scenario.validate.ScenarioSource;

/** Checks {@code report.baseline} against the expanded sweep before anything runs. */
public final class Baselines {
    private Baselines() {
    }

    /** @throws ScenarioException at {@code report.baseline} (with its line) when it names no point or several */
    public static void check(ScenarioSource source, Scenario scenario, List<SweepPoint> points)
            throws ScenarioException {
        String spec = scenario.report().baseline();
        if (spec == null) {
            return;
        }
        List<String> ids = points.stream().map(SweepPoint::id).toList();
        List<Map<String, String>> params = points.stream().map(SweepPoint::paramText).toList();
        try {
            Baseline.index(spec, ids, params);
        } catch (IllegalArgumentException e) {
            int[] at = source.location("report.baseline");
            throw new ScenarioException(source.sourceName(),
                    List.of(new Problem("report.baseline", at[0], at[1], e.getMessage())));
        }
    }
}
