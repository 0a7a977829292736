/**
 * Pure rules of the recoverable image (docs/model.md §7): {@link org.repsim.model.recovery.rules.TrackImage},
 * the secondary's image track by track in arrival order (sync and ordered modes). No clock,
 * scheduler or randomness: every event carries its time.
 */
package org.repsim.model.recovery.rules;
