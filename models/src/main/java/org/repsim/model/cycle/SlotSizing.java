package org.repsim.model.cycle;

/**
 * How many bytes a cycle slot holds, transmits and applies (DOMAIN §5) [design].
 */
public enum SlotSizing {
    /**
     * The bytes the host wrote inside the track; a folded rewrite keeps the larger extent (the
     * dirty part of the slot). Default: link load then equals the folded host write rate.
     */
    WRITTEN,
    /** The whole track ({@code trackSize}) whatever was written: products that ship whole slots. */
    TRACK
}
