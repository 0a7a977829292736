/**
 * The recoverable image of the modes whose secondary writes tracks as they arrive, sync and ordered
 * (docs/model.md §7): {@link org.repsim.model.recovery.RecoverableImage} times the pure
 * {@link org.repsim.model.recovery.rules.TrackImage} and {@link org.repsim.model.recovery.ImageRecording}
 * records its recovery-point lag and violations.
 */
package org.repsim.model.recovery;
