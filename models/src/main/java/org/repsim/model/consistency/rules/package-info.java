/**
 * Pure rules of consistency groups (docs/model.md §6), paired with the timed group in
 * {@code org.repsim.model.consistency}: {@link org.repsim.model.consistency.rules.CoordinatedSwitch}
 * (host-coordinated three-phase switch), {@link org.repsim.model.consistency.rules.Shuttle} with
 * its {@link org.repsim.model.consistency.rules.ShuttleRules} and
 * {@link org.repsim.model.consistency.rules.ShuttleCommitTracker}, the group-wide
 * {@link org.repsim.model.consistency.rules.GroupApplyGate} and {@link org.repsim.model.consistency.rules.DataLoss}
 * (the dependent-write chains are followed by the recoverable image, {@code org.repsim.model.recovery.rules}).
 * No clock, scheduler or randomness.
 */
package org.repsim.model.consistency.rules;
