package org.repsim.core.result;

/**
 * A metric over the replications of one sweep point: mean with its Student-t 95 % half-width,
 * min and max, in the metric's unit.
 */
public record MetricSummary(String name, double mean, double ci95, double min, double max, String unit, int n) {
}
