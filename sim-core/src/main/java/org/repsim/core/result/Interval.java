package org.repsim.core.result;

/** A span of simulated time worth marking on charts (a link outage, a session drop), in seconds. */
public record Interval(String kind, String subject, double startS, double endS) {
}
