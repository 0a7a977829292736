/**
 * Replay of real block I/O traces (docs/model.md §2): MSR Cambridge CSV and SPC, plain or gzip.
 *
 * <p>{@link org.repsim.model.trace.TraceReader} streams a trace as {@link org.repsim.model.trace.TraceRecord}s
 * in time order with O(1) memory in the trace length; {@link org.repsim.model.trace.TraceOptions}
 * maps devices to volumes and sets speed, window, loop, timing, bad-line and reorder handling;
 * {@link org.repsim.model.trace.TraceStats} summarises a trace in one pass (command
 * {@code repsim trace stats}). Nothing here knows hosts or the scheduler: an adapter in the
 * composition turns records into host I/Os.
 */
package org.repsim.model.trace;
