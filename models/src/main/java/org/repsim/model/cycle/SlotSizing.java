package org.repsim.model.cycle;

/**
 * How many bytes a cycle slot holds, transmits and applies (docs/model.md §5) [design].
 */
public enum SlotSizing {
    /**
     * The slot's dirty blocks: a folded rewrite unions its blocks with the slot's
     * (docs/model.md §5). Default: link load then equals the host write rate less the bytes
     * written twice.
     */
    WRITTEN,
    /** The whole track ({@code trackSize}) whatever was written: products that ship whole slots. */
    TRACK
}
