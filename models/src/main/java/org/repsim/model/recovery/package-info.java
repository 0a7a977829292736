/**
 * The recoverable image of every mode (docs/model.md §7): {@link org.repsim.model.recovery.RecoverableImage}
 * times the pure {@link org.repsim.model.recovery.rules.TrackImage}; sync and ordered land tracks as
 * they arrive, cycle sessions land whole cycles (numbers) through their consistency group. The
 * recovery-point lag and the data lost have one definition, the image's:
 * {@link org.repsim.model.recovery.ImageRecording} records the lag and violations of sync and
 * ordered, {@code ConsistencyRecording} those of a group (mode {@code none} included).
 */
package org.repsim.model.recovery;
