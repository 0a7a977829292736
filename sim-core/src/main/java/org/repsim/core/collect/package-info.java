/**
 * Primitive collections for the models' per-write paths, without boxing and with memory set by
 * what they hold, never by run length: FIFO rings of records ({@link org.repsim.core.collect.LongRing},
 * {@link org.repsim.core.collect.ColumnRing} (struct of arrays, for the per-I/O queues),
 * {@link org.repsim.core.collect.IntRing}), open-addressing maps and sets keyed by track numbers
 * ({@link org.repsim.core.collect.LongIntMap}, {@link org.repsim.core.collect.LongLongMap},
 * {@link org.repsim.core.collect.LongPairSet}), min-heaps of tagged slots
 * ({@link org.repsim.core.collect.LongIntHeap}, {@link org.repsim.core.collect.LongIntMinQueue}),
 * and the switch of the prefetch hints ({@link org.repsim.core.collect.Prefetch}).
 */
package org.repsim.core.collect;
