/**
 * Pure rules of ordered asynchronous dispatch (docs/model.md §4), paired with the timed engine in
 * {@code org.repsim.model.ordered}: {@link org.repsim.model.ordered.rules.OrderedDispatcher} (per-task
 * index, reorder queue, dispatch in sequence; stale or duplicate subtasks rejected) and
 * {@link org.repsim.model.ordered.rules.TrackGate} (per track, a subtask starts its preparation only
 * after every older subtask of the track is dispatched). No clock,
 * scheduler or randomness.
 */
package org.repsim.model.ordered.rules;
