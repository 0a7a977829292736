/**
 * Ordered asynchronous replication (docs/model.md §4): {@link org.repsim.model.ordered.OrderedReplication}
 * (the timed engine on {@link org.repsim.model.ordered.rules.OrderedDispatcher}), its options
 * {@link org.repsim.model.ordered.OrderedConfig}, and {@link org.repsim.model.ordered.OrderedRecording}
 * which subscribes the engine's signals to a run's {@code Recording}. The engine is a thin
 * coordinator over {@code TwoStageDispatch} (preparation, reorder, sender), {@code SecondaryWrites}
 * (secondary write, record, acknowledgement over {@code Port}s), {@code CopyPasses} and
 * {@code SecuredBacklog}; its pure rules are in {@code org.repsim.model.ordered.rules}.
 *
 * <p>Wiring for N pairs (composition root): per primary box, add the two processor pools named in
 * the config ({@code box.addProcessor(preparePool, k, law)}, {@code box.addProcessor(senderPool, c, law)}),
 * create one {@code new OrderedReplication(box, signals, config)} (it installs itself as the box's
 * replication handler), call {@code addPair(primaryVolume, secondaryVolume, links, initialCopy)} for
 * each pair of that box, then once {@code OrderedRecording.register(rec, signals, engines, scheduler,
 * warmupNs, rpoTargetNs)} over all engines of the run.
 */
package org.repsim.model.ordered;
