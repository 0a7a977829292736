package org.repsim.core.kernel.dsol;

import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A developer's count of the events a kernel fired, by kind: the class of each event's action,
 * with every lambda counted under the class that declares it ({@code Cache λ}), since a lambda's
 * own class name is made up by the JVM and differs from run to run.
 *
 * <p>Invariant: the counts of {@link #byKind()} sum to {@link #total()}, the number of actions
 * {@link #count counted}. Counting is one identity-map lookup per event; the kernel calls it only
 * when a census was asked for ({@link DsolKernel#census()}), so a normal run does not pay it.
 */
public final class EventCensus {
    /** Suffix that marks a lambda's kind. */
    public static final String LAMBDA = " λ";

    /** Per action class: events, the time of the last one, events at the same instant as the one before of that class. */
    private final Map<Class<?>, long[]> counts = new IdentityHashMap<>();
    private long total;

    private static final int EVENTS = 0;
    private static final int LAST_NS = 1;
    private static final int SAME_INSTANT = 2;
    private static final int BACK_TO_BACK = 3;
    /** The previous event's action class and time. */
    private Class<?> previousClass;
    private long previousNs = Long.MIN_VALUE;

    /** Counts one event fired at {@code nowNs} whose action is {@code action}. */
    void count(long nowNs, Runnable action) {
        Class<?> c = action.getClass();
        long[] n = counts.get(c);
        if (n == null) {
            n = new long[] {0, Long.MIN_VALUE, 0, 0};
            counts.put(c, n);
        }
        if (n[LAST_NS] == nowNs) {
            n[SAME_INSTANT]++;
            if (previousClass == c && previousNs == nowNs) {
                n[BACK_TO_BACK]++;
            }
        }
        previousClass = c;
        previousNs = nowNs;
        n[LAST_NS] = nowNs;
        n[EVENTS]++;
        total++;
    }

    /** Events counted so far. */
    public long total() {
        return total;
    }

    /**
     * Events by kind, the most frequent first (ties by name). A kind is the action's class name
     * without its package ({@code WanLink$Direction}); a lambda's kind is its declaring class's
     * followed by {@value #LAMBDA}.
     */
    public Map<String, Long> byKind() {
        return sorted(EVENTS);
    }

    /**
     * Per kind, its events fired at the same instant as the event of the same action class fired
     * just before it (not necessarily the event just before in the run): an upper bound of the
     * events that sharing one event per instant could save, a kind that has many is worth a look.
     * Keys and order as {@link #byKind()}'s.
     */
    public Map<String, Long> sameInstantByKind() {
        return inKindOrder(SAME_INSTANT);
    }

    /**
     * Per kind, its events fired right after an event of the same action class at the same
     * instant (nothing else between them): a run of events that one event could have carried.
     * Never more than {@link #sameInstantByKind()}'s. Keys and order as {@link #byKind()}'s.
     */
    public Map<String, Long> backToBackByKind() {
        return inKindOrder(BACK_TO_BACK);
    }

    private Map<String, Long> inKindOrder(int column) {
        Map<String, Long> values = sorted(column);
        Map<String, Long> inOrder = new LinkedHashMap<>();
        for (String kind : byKind().keySet()) {
            inOrder.put(kind, values.get(kind));
        }
        return inOrder;
    }

    private Map<String, Long> sorted(int column) {
        Map<String, Long> merged = new TreeMap<>();
        for (Map.Entry<Class<?>, long[]> e : counts.entrySet()) {
            merged.merge(kind(e.getKey()), e.getValue()[column], Long::sum);
        }
        Map<String, Long> sorted = new LinkedHashMap<>();
        merged.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEachOrdered(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** The kind of an action of class {@code c}. */
    static String kind(Class<?> c) {
        String name = c.getName();
        int lambda = name.indexOf("$$Lambda");
        String base = lambda >= 0 ? name.substring(0, lambda) : name;
        int dot = base.lastIndexOf('.');
        String simple = base.substring(dot + 1);
        return lambda >= 0 ? simple + LAMBDA : simple;
    }
}
