package org.repsim.core.measure;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Metrics of one kind per named element, declared once: {@code link.<id>.utilization} is one
 * family with a metric per link. The pattern's placeholders stand for element names, filled in
 * order by {@link #of}: {@code <id>} for a name without dots, {@code <component*>} for one that
 * may have dots ({@code r1a.hostAdapters}).
 *
 * @param pattern     e.g. {@code link.<id>.utilization}
 * @param unit        unit of every member's value
 * @param description what a member measures
 * @param hints       how reports present the members
 */
public record MetricFamily(String pattern, Unit unit, String description, Set<Hint> hints) implements MetricSelector {
    private static final Pattern PLACEHOLDER = Pattern.compile("<[^>]+>");
    /** Compiled patterns by family pattern (reports match every metric name against every family). */
    private static final Map<String, Pattern> REGEX = new ConcurrentHashMap<>();

    public MetricFamily {
        hints = Set.copyOf(hints);
        if (!PLACEHOLDER.matcher(pattern).find()) {
            throw new IllegalArgumentException("a family pattern has a <placeholder>: " + pattern);
        }
    }

    public MetricFamily(String pattern, Unit unit, String description, Hint... hints) {
        this(pattern, unit, description, Set.of(hints));
    }

    /** The member for these element names, one per placeholder in order. */
    public MetricType of(String... names) {
        return new MetricType(fill(pattern, names), unit, description, hints);
    }

    /** The statistics ({@code .mean}, {@code .max}, …) of the member for these element names. */
    public Statistics statistics(String... names) {
        return new Statistics(fill(pattern, names), unit, description);
    }

    /** Whether {@code name} is a member of this family. */
    @Override
    public boolean matches(String name) {
        return regex(pattern).matcher(name).matches();
    }

    static String fill(String pattern, String... names) {
        Matcher m = PLACEHOLDER.matcher(pattern);
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (m.find()) {
            if (i == names.length) {
                throw new IllegalArgumentException(pattern + " needs more than " + names.length + " names");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(names[i++]));
        }
        if (i != names.length) {
            throw new IllegalArgumentException(pattern + " takes " + i + " names, given " + names.length);
        }
        m.appendTail(out);
        return out.toString();
    }

    static Pattern regex(String pattern) {
        return REGEX.computeIfAbsent(pattern, MetricFamily::compile);
    }

    private static Pattern compile(String pattern) {
        Matcher m = PLACEHOLDER.matcher(pattern);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            out.append(Pattern.quote(pattern.substring(last, m.start())));
            out.append(m.group().endsWith("*>") ? ".+" : "[^.]+");
            last = m.end();
        }
        out.append(Pattern.quote(pattern.substring(last)));
        return Pattern.compile(out.toString());
    }
}
