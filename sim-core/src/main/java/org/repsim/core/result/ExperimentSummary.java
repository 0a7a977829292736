package org.repsim.core.result;

import java.util.List;

/** What {@code summary.json} holds: the scenario's name, the tool version and every sweep point. */
public record ExperimentSummary(String scenario, String version, List<String> sweptPaths, List<PointSummary> points) {
}
