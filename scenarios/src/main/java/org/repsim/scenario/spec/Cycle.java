package org.repsim.scenario.spec;

import static org.repsim.scenario.spec.Units.Kind.*;

import java.util.List;
import java.util.Map;

/** Cycle-based asynchronous replication settings (docs/model.md §5). */
public record Cycle(
        @OneOf({"legacy", "multi"}) @Default("\"legacy\"") @Doc("legacy: switch when the conditions of docs/model.md §5 hold; multi: switch every minCycleTime. Consistency none only: with host or shuttle the group switches.") String switching,
        @Positive @Quantity(TIME) @Default("\"30 s\"") @Doc("Minimum time between cycle switches (consistency none), or between the coordinator's switch decisions (host). No effect with shuttle: numbers close by the shuttle, consistency.minNumberTime apart at least.") long minCycleTimeNs,
        @Positive @Default("8") @Doc("switching multi with consistency none only: most closed cycles queued for transmit.") int maxTransmitCycles,
        @Fraction @Default("0.5") @Doc("Share of the write-pending cache a session may hold.") double maxSessionShare,
        @Default("[\"drop\"]") @Doc("Policies tried in order when the session's cache share is full: spill, pace, drop.")
        @OneOf({"spill", "pace", "drop"}) List<String> onCachePressure,
        @Default("{}") @Doc("Spill pool (delta set extension) used by the spill policy.") SpillPool spillPool,
        @Quantity(TIME) @Default("\"60 s\"") @Doc("How long the session stays active while all links are down.") long transmitIdleNs,
        @Default("{}") @Doc("Cost of applying a cycle at the secondary.") ApplyCost apply,
        @OneOf({"written", "track"}) @Default("\"written\"")
        @Doc("Bytes a cycle slot holds, sends and applies (docs/model.md §5): written (its dirty blocks; a folded rewrite adds only the blocks not yet dirty) or track (the whole cache.trackSize whatever was written, as products that ship whole slots). Each slot is sent with a 512 B header either way.")
        String slotSizing,
        @OptionalKey @OneOf({"at-switch", "when-complete"})
        @Doc("When the secondary applies a cycle it holds whole: at-switch (the primary's next switch releases it, receive → apply) or when-complete (at once; in a group once every secondary holds it). Absent: at-switch for consistency none with legacy switching, when-complete otherwise (multi, host, shuttle), as the products do.")
        String applyAt) {

    public Cycle {
        onCachePressure = List.copyOf(onCachePressure);
    }
}
