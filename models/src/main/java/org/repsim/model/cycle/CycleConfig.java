package org.repsim.model.cycle;

import org.repsim.model.cycle.rules.CachePressure;
import org.repsim.model.cycle.rules.SwitchRules;

/**
 * Plain-value configuration of one {@link CycleSession} (docs/model.md §5).
 *
 * @param name             session name: signal prefix {@code cycle.<name>}, subject of {@code session-drop} intervals
 * @param rules            legacy / multi-cycle / external switching
 * @param pressure         session cache limit ({@link CachePressure#sessionLimitBytes}), spill pool size,
 *                         policies in order, transmit idle
 * @param spillDiskGroup   index of the primary box's disk group holding the spill pool; −1 when the
 *                         policies contain no {@code SPILL}
 * @param slotSizing       bytes per slot: written bytes or whole track
 * @param slotHeaderBytes  protocol bytes added to each slot transfer (≥ 0)
 * @param commitBytes      size of a cycle's commit message (≥ 0)
 * @param ackBytes         size of the commit acknowledgement (≥ 0)
 * @param applyPool        processor pool of the secondary box that applies one slot per job (then
 *                         the secondary cache write); null applies through the secondary's remote adapters
 * @param autoResync       after a drop, resynchronise as soon as a link is up and the secondary applied
 *                         what it had committed (copy owed tracks, then a fresh first cycle); false leaves
 *                         the session dropped until {@link CycleSession#resynchronise()} is called
 * @param trackImages      keep each track's latest version on the primary and in the secondary's image,
 *                         so tests can prove docs/model.md §8.2 (memory grows with the distinct tracks written,
 *                         up to the volumes' size); runs that only measure turn it off
 * @param applyTiming      when a committed cycle is applied at the secondary (docs/model.md §5): at the
 *                         primary's next switch, or as soon as it is complete
 */
public record CycleConfig(String name, SwitchRules rules, CachePressure pressure, int spillDiskGroup,
                          SlotSizing slotSizing, long slotHeaderBytes, long commitBytes, long ackBytes,
                          String applyPool, boolean autoResync, boolean trackImages, ApplyTiming applyTiming) {

    public CycleConfig {
        if (applyTiming == null) {
            throw new IllegalArgumentException("cycle session " + name + ": applyTiming must not be null");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a cycle session needs a name");
        }
        if (rules == null || pressure == null || slotSizing == null) {
            throw new IllegalArgumentException("cycle session " + name + ": rules, pressure and slotSizing must not be null");
        }
        if (slotHeaderBytes < 0 || commitBytes < 0 || ackBytes < 0) {
            throw new IllegalArgumentException("cycle session " + name + ": slot header, commit and ack sizes must be >= 0 bytes, were "
                    + slotHeaderBytes + ", " + commitBytes + ", " + ackBytes);
        }
        boolean spills = pressure.policies().contains(org.repsim.model.cycle.rules.PressurePolicy.SPILL);
        if (spills && spillDiskGroup < 0) {
            throw new IllegalArgumentException("cycle session " + name + ": policy spill needs a spill disk group (spillDiskGroup >= 0)");
        }
        if (spills && pressure.spillPoolBytes() <= 0) {
            throw new IllegalArgumentException("cycle session " + name + ": policy spill needs a spill pool of > 0 bytes");
        }
        if (spillDiskGroup < -1) {
            throw new IllegalArgumentException("cycle session " + name + ": spillDiskGroup must be >= -1, was " + spillDiskGroup);
        }
    }

    /** Apply timing as the switching mode implies ({@link ApplyTiming#defaultFor}). */
    public CycleConfig(String name, SwitchRules rules, CachePressure pressure, int spillDiskGroup,
                       SlotSizing slotSizing, long slotHeaderBytes, long commitBytes, long ackBytes,
                       String applyPool, boolean autoResync, boolean trackImages) {
        this(name, rules, pressure, spillDiskGroup, slotSizing, slotHeaderBytes, commitBytes, ackBytes, applyPool,
                autoResync, trackImages, ApplyTiming.defaultFor(rules == null ? null : rules.mode()));
    }

    /** A configuration that tracks images (for tests of the invariants). */
    public CycleConfig(String name, SwitchRules rules, CachePressure pressure, int spillDiskGroup,
                       SlotSizing slotSizing, long slotHeaderBytes, long commitBytes, long ackBytes,
                       String applyPool, boolean autoResync) {
        this(name, rules, pressure, spillDiskGroup, slotSizing, slotHeaderBytes, commitBytes, ackBytes, applyPool,
                autoResync, true);
    }

    /** The same configuration with image tracking on or off. */
    public CycleConfig withTrackImages(boolean on) {
        return new CycleConfig(name, rules, pressure, spillDiskGroup, slotSizing, slotHeaderBytes, commitBytes, ackBytes,
                applyPool, autoResync, on, applyTiming);
    }

    /** The same configuration applying committed cycles {@code timing}. */
    public CycleConfig withApplyTiming(ApplyTiming timing) {
        return new CycleConfig(name, rules, pressure, spillDiskGroup, slotSizing, slotHeaderBytes, commitBytes, ackBytes,
                applyPool, autoResync, trackImages, timing);
    }

    /** Defaults for the protocol details: written-byte slots, 512 B slot header, 512 B commit, 128 B ack, auto resync. */
    public static CycleConfig of(String name, SwitchRules rules, CachePressure pressure, int spillDiskGroup) {
        return new CycleConfig(name, rules, pressure, spillDiskGroup, SlotSizing.WRITTEN, 512, 512, 128, null, true);
    }
}
