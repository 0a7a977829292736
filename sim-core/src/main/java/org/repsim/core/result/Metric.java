package org.repsim.core.result;

/**
 * One named figure of a run, in base units (seconds, bytes, bytes per second, fractions,
 * counts). Names are the contract of docs/scenario-format.md ("host.write.latency.p99").
 */
public record Metric(String name, double value, String unit) {
}
