package org.repsim.core.measure;

/** One column of a record table: name (the CSV header), unit and meaning. */
public record Column(String name, Unit unit, String description) {
}
