package org.repsim.model.cycle;

/** A cycle (or shuttle number) reached a stage at the secondary: fully received and committed, or applied. */
@FunctionalInterface
public interface CycleEventListener {
    void onCycle(long number, long nowNs);
}
