/**
 * Pure rules of the recoverable image (docs/model.md §7): {@link org.repsim.model.recovery.rules.TrackImage},
 * the secondary's image track by track in arrival order (sync and ordered modes) or cycle by cycle,
 * and {@link org.repsim.model.recovery.rules.ChainPrefix}, the dependent-chain check it feeds in
 * every mode (docs/model.md §8.3). No clock,
 * scheduler or randomness: every event carries its time.
 */
package org.repsim.model.recovery.rules;
