package org.repsim.core.measure;

import java.util.Set;

/**
 * Time-series columns of one kind per named element ({@code queue.<component>}), declared once;
 * see {@link MetricFamily} for the pattern.
 */
public record SeriesFamily(String pattern, Unit unit, String description, Set<Hint> hints) {

    public SeriesFamily {
        hints = Set.copyOf(hints);
        MetricFamily.regex(pattern);
    }

    public SeriesFamily(String pattern, Unit unit, String description, Hint... hints) {
        this(pattern, unit, description, Set.of(hints));
    }

    /** The column for these element names, one per placeholder in order. */
    public SeriesColumn of(String... names) {
        return new SeriesColumn(MetricFamily.fill(pattern, names), unit, description, hints);
    }

    public boolean matches(String column) {
        return MetricFamily.regex(pattern).matcher(column).matches();
    }

    /** The fixed text before the first placeholder: every member starts with it. */
    public String prefix() {
        return pattern.substring(0, pattern.indexOf('<'));
    }
}
