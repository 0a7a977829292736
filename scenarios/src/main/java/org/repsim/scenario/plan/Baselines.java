package org.repsim.scenario.plan;

import java.util.List;
import java.util.Map;
import org.repsim.report.html.Baseline;
import org.repsim.scenario.spec.Problem;
import org.repsim.scenario.spec.Scenario;
import org.repsim.scenario.spec.ScenarioException;
import org.repsim.scenario.spec.SweepPoint;

/** Checks {@code report.baseline} against the expanded sweep before anything runs. */
public final class Baselines {
    private Baselines() {
    }

    /** @throws ScenarioException at {@code report.baseline} when it names no point or several */
    public static void check(String source, Scenario scenario, List<SweepPoint> points) throws ScenarioException {
        String spec = scenario.report().baseline();
        if (spec == null) {
            return;
        }
        List<String> ids = points.stream().map(SweepPoint::id).toList();
        List<Map<String, String>> params = points.stream().map(SweepPoint::paramText).toList();
        try {
            Baseline.index(spec, ids, params);
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(source, List.of(new Problem("report.baseline", 0, 0, e.getMessage())));
        }
    }
}
