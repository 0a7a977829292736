package org.repsim.scenario.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.repsim.scenario.spec.Problem;

/** Collects problems, attaching to each the line and column of its path (or of the nearest enclosing value). */
final class Problems {

    private final Map<String, int[]> locations;
    private final List<Problem> list = new ArrayList<>();

    Problems(Map<String, int[]> locations) {
        this.locations = locations;
    }

    void add(String path, String message) {
        int[] at = locate(path);
        Problem p = new Problem(path, at == null ? 0 : at[0], at == null ? 0 : at[1], message);
        if (!list.contains(p)) {
            list.add(p);
        }
    }

    void add(Problem problem) {
        if (!list.contains(problem)) {
            list.add(problem);
        }
    }

    int[] locate(String path) {
        for (String p = path; p != null; p = JsonPaths.parent(p)) {
            int[] at = locations.get(p);
            if (at != null) {
                return at;
            }
        }
        return null;
    }

    /** True if a problem was already reported at {@code path} or inside it (to avoid follow-on reports). */
    boolean hasAtOrUnder(String path) {
        for (Problem p : list) {
            if (p.path().equals(path) || p.path().startsWith(path + ".") || p.path().startsWith(path + "[")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Drops the problems a like-copy inherited: a problem inside a copy, at a value the copy did
     * not write itself, with the same message as at the same place in the element it copied.
     * The problem is then reported once, where the value is written.
     */
    void dropInherited(Map<String, String> copies) {
        List<Problem> all = List.copyOf(list);
        list.removeIf(p -> {
            if (locations.containsKey(p.path())) {
                return false;
            }
            for (Map.Entry<String, String> c : copies.entrySet()) {
                String copy = c.getKey();
                if (p.path().startsWith(copy + ".") || p.path().startsWith(copy + "[")) {
                    String inSource = c.getValue() + p.path().substring(copy.length());
                    return all.stream().anyMatch(q -> q.path().equals(inSource) && q.message().equals(p.message()));
                }
            }
            return false;
        });
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    int size() {
        return list.size();
    }

    List<Problem> list() {
        return List.copyOf(list);
    }
}
