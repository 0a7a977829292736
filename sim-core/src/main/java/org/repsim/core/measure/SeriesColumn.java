package org.repsim.core.measure;

import java.util.Set;

/**
 * One column of {@code timeseries.csv}, declared once: name, unit, meaning, presentation.
 *
 * @param name        e.g. {@code rpo.lag}
 * @param unit        unit of its values
 * @param description what a sample of it is
 * @param hints       how reports draw it ({@link Hint#SAWTOOTH})
 */
public record SeriesColumn(String name, Unit unit, String description, Set<Hint> hints) {

    public SeriesColumn {
        hints = Set.copyOf(hints);
    }

    public SeriesColumn(String name, Unit unit, String description, Hint... hints) {
        this(name, unit, description, Set.of(hints));
    }

    public boolean has(Hint hint) {
        return hints.contains(hint);
    }
}
