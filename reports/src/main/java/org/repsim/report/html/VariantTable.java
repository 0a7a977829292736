package org.repsim.report.html;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.repsim.core.measure.Measures;
import org.repsim.report.chart.Scale;
import org.repsim.report.chart.VariantFigures;

/**
 * The table of a sweep over named variants: per variant, host write latency, worst
 * recovery-point lag, data lost at the disaster and the dependent-write checks, each a mean over
 * replications ("–" where the variant's mode does not record it).
 */
final class VariantTable {

    private VariantTable() {
    }

    static String html(List<VariantFigures> figures) {
        StringBuilder b = new StringBuilder();
        b.append("<table id=\"variants-table\" class=\"sortable\">\n<thead><tr><th class=\"name\">variant</th>")
                .append(th(Measures.HOST_WRITE_LATENCY.mean().name(), "write latency mean"))
                .append(th(Measures.HOST_WRITE_LATENCY.p99().name(), "write latency p99"))
                .append(th(Measures.RPO_LAG_MAX.name(), "worst lag"))
                .append(th(Measures.DISASTER_LOST_WRITES.name(), "lost writes"))
                .append(th(Measures.DISASTER_LOST_BYTES.name(), "lost bytes"))
                .append(th(Measures.CONSISTENCY_VIOLATIONS.name(), "violations"))
                .append(th(Measures.ORDERED_OUT_OF_ORDER.name(), "out of order"))
                .append("<th class=\"name\">image</th></tr></thead>\n<tbody>\n");
        Scale latency = Scale.seconds(max(figures, VariantFigures::latencyP99S));
        Scale lag = Scale.seconds(max(figures, VariantFigures::lagMaxS));
        Scale bytes = Scale.bytes(max(figures, VariantFigures::lostBytes));
        for (int i = 0; i < figures.size(); i++) {
            VariantFigures f = figures.get(i);
            b.append("<tr><td class=\"name\" data-sort=\"").append(i).append("\">").append(Html.escape(f.label())).append("</td>")
                    .append(td(f.latencyMeanS(), latency, false)).append(td(f.latencyP99S(), latency, false))
                    .append(td(f.lagMaxS(), lag, false)).append(td(f.lostWrites(), Scale.PLAIN, false))
                    .append(td(f.lostBytes(), bytes, false)).append(td(f.violations(), Scale.PLAIN, true))
                    .append(td(f.outOfOrder(), Scale.PLAIN, true))
                    .append("<td data-sort=\"").append(f.verdict().ordinal()).append("\" class=\"name").append(f.verdict() == VariantFigures.Verdict.VIOLATIONS ? " bad"
                            : f.verdict() == VariantFigures.Verdict.NONE_FOUND ? " good" : "").append("\">")
                    .append(Html.escape(f.verdict().legend())).append("</td></tr>\n");
        }
        return b.append("</tbody>\n</table>\n").toString();
    }

    private static String th(String metric, String title) {
        return "<th title=\"" + Html.escape(metric) + "\">" + Html.escape(title) + "</th>";
    }

    private static String td(double v, Scale s, boolean zeroIsGood) {
        String cls = !zeroIsGood || Double.isNaN(v) ? "" : v > 0 ? " class=\"bad\"" : " class=\"good\"";
        return "<td data-sort=\"" + (Double.isNaN(v) ? "" : Double.toString(v)) + "\"" + cls + ">"
                + Html.escape(s.format(v)) + "</td>";
    }

    private static double max(List<VariantFigures> figures, ToDoubleFunction<VariantFigures> f) {
        double m = 0;
        for (VariantFigures v : figures) {
            double x = f.applyAsDouble(v);
            if (!Double.isNaN(x)) {
                m = Math.max(m, Math.abs(x));
            }
        }
        return m;
    }
}
