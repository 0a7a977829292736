/**
 * Timed components of the storage model (docs/model.md §1–3): {@link org.repsim.model.Processor},
 * {@link org.repsim.model.DiskGroup}, {@link org.repsim.model.Cache},
 * {@link org.repsim.model.WanLink}, {@link org.repsim.model.Box} and its pluggable write path
 * {@link org.repsim.model.ReplicationHandler}. Components only emit signals; the composition
 * root decides what is recorded.
 *
 * <p>Signal catalogue (times in ns, sizes in bytes):
 * <ul>
 *   <li>{@code box.<b>.hostAdapters|remoteAdapters|<pool>.queue|busy|inSystem} (levels),
 *       {@code .wait|response} (observations);</li>
 *   <li>{@code <diskGroupPrefix>.queue|busy|inSystem} (levels), {@code .response} (observation),
 *       {@code .reads|writes} (counts);</li>
 *   <li>{@code box.<b>.cache.writePendingBytes} (level), {@code .readHits|readMisses|writeHits|
 *       writeMisses|writesDelayed} (counts);</li>
 *   <li>{@code <linkPrefix>.<from>-<to>.busy|queuedBytes|inFlightBytes|inSystem} (levels),
 *       {@code .transferTime} (observation), {@code .sentBytes} (count);</li>
 *   <li>{@code host.write.latency|read.latency} (observations), {@code host.writes|reads|
 *       writeBytes|readBytes} (counts), {@code host.outstanding} (level).</li>
 * </ul>
 */
package org.repsim.model;
