package org.repsim.report.html;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which sweep point the paired differences are taken from ({@code report.baseline}): absent, the
 * first point; a point id ({@code p001}); or {@code PATH=VALUE} pairs joined by {@code ;} that
 * match exactly one point's swept values as written ({@code links[wan].bandwidth=1 Gbit/s}).
 */
public final class Baseline {
    private Baseline() {
    }

    /**
     * The index of the baseline point.
     *
     * @param spec the setting, or null for the first point
     * @param ids the points' ids in run order
     * @param params each point's swept values as written, in run order
     * @throws IllegalArgumentException naming the points when {@code spec} matches none or several
     */
    public static int index(String spec, List<String> ids, List<? extends Map<String, String>> params) {
        if (spec == null || spec.isBlank()) {
            return 0;
        }
        String s = spec.trim();
        int byId = ids.indexOf(s);
        if (byId >= 0) {
            return byId;
        }
        if (!s.contains("=")) {
            throw new IllegalArgumentException("'" + spec + "' is neither a point id (" + String.join(", ", ids)
                    + ") nor PATH=VALUE pairs");
        }
        Map<String, String> wanted = new LinkedHashMap<>();
        for (String pair : s.split(";")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + pair.trim() + "' in '" + spec + "' is not PATH=VALUE");
            }
            wanted.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        int found = -1;
        for (int i = 0; i < params.size(); i++) {
            boolean all = true;
            for (Map.Entry<String, String> w : wanted.entrySet()) {
                String v = params.get(i).get(w.getKey());
                all &= v != null && v.trim().equals(w.getValue());
            }
            if (all) {
                if (found >= 0) {
                    throw new IllegalArgumentException("'" + spec + "' matches several sweep points (" + ids.get(found)
                            + ", " + ids.get(i) + "); name every swept value or give a point id");
                }
                found = i;
            }
        }
        if (found < 0) {
            throw new IllegalArgumentException("'" + spec + "' matches no sweep point; the points are "
                    + describe(ids, params));
        }
        return found;
    }

    private static String describe(List<String> ids, List<? extends Map<String, String>> params) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < ids.size() && i < 12; i++) {
            b.append(i > 0 ? "; " : "").append(ids.get(i)).append(' ').append(params.get(i));
        }
        return ids.size() > 12 ? b + "; …" : b.toString();
    }
}
