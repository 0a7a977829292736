package org.repsim.model.cycle;

import java.util.Map;
import java.util.TreeMap;

/**
 * Brute-force replay of the recovery-point lag of one session of a group of mode {@code none}
 * (docs/model.md §7), from the session's own events, without a drop: the image is the applied
 * cycles; a write is acknowledged in the call that tags it into its cycle; cycles apply whole and
 * in number order. So the oldest acknowledged write not in the image is the first write tagged
 * into the oldest cycle not yet applied, and
 * <pre>  lag(t) = t − firstTag(oldest cycle not applied by t)     (0 when every tagged cycle applied)</pre>
 * Its largest value is reached just before an apply or at the end:
 * {@code max(applied(k) − firstTag(k), end − firstTag(oldest unapplied))}.
 */
public final class AppliedCycleLag {
    /** Tag time of each cycle's first write, by cycle number. */
    private final TreeMap<Long, Long> firstTag = new TreeMap<>();
    private long maxNs;
    private boolean dropped;

    public AppliedCycleLag(CycleSession session) {
        session.addWriteTagListener((io, cycle, now) -> {
            if (cycle == CycleSession.UNTAGGED) {
                dropped = true;
            } else {
                firstTag.putIfAbsent(cycle, now);
            }
        });
        session.addAppliedListener((cycle, now) -> {
            // the lag just before the apply: the oldest unapplied cycle is the oldest still listed
            maxNs = Math.max(maxNs, lagNs(now));
            firstTag.headMap(cycle, true).clear();
        });
    }

    /** The replayed lag at {@code nowNs} (ns). */
    public long lagNs(long nowNs) {
        if (dropped) {
            throw new IllegalStateException("the replay does not follow a drop (owed writes)");
        }
        Map.Entry<Long, Long> oldest = firstTag.firstEntry();
        return oldest == null ? 0 : nowNs - oldest.getValue();
    }

    /** The replayed largest lag over [start, {@code nowNs}] (ns). */
    public long maxNs(long nowNs) {
        return Math.max(maxNs, lagNs(nowNs));
    }
}
