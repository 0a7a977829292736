/**
 * Consistency-group engine (docs/model.md §6, §7, §8.3): {@link org.repsim.model.consistency.ConsistencyGroup}
 * keeps the secondaries of several cycle sessions consistent (mode {@code none}, {@code host} or
 * {@code shuttle}), feeds the recoverable image (which follows the dependent-write chains) and measures the data lost at a disaster;
 * {@link org.repsim.model.consistency.ConsistencyRecording} subscribes its measurements.
 *
 * <h2>Wiring by the scenario builder</h2>
 * <pre>
 *   // one cycle session per primary box of the group (box i → its own secondary), links shared or separate
 *   SwitchRules rules = mode == NONE ? SwitchRules.legacy(minCycleTimeNs)   // or multiCycle(...)
 *                                    : SwitchRules.external();              // host and shuttle close cycles themselves
 *   CycleSession s_i = new CycleSession(kernel, signals, P_i, S_i, links_i, new CycleConfig("r" + i, rules, pressure, ...));
 *   s_i.addPair(primaryVolume, secondaryVolume);           // all pairs BEFORE the group is built
 *   // (a box with other sessions outside the group: build its SessionRouter before the group)
 *   ConsistencyConfig cfg = switch (mode) {
 *       case NONE    -> ConsistencyConfig.none(name);
 *       case HOST    -> ConsistencyConfig.host(name, new HostCoordination(pollIntervalNs, minCycleTimeNs, messageLatencySampler));
 *       case SHUTTLE -> ConsistencyConfig.shuttle(name, new ShuttleSettings(new ShuttleRules(minNumberTimeNs, AckRule.ofLabel(ack)),
 *                          hopLatencySampler, visitProcessingSampler, messageLatencySampler));
 *   };
 *   ConsistencyGroup g = new ConsistencyGroup(kernel, signals, List.of(s_0, …, s_n-1), cfg);   // at the simulation start
 *   ConsistencyRecording cr = ConsistencyRecording.register(recording, signals, g, kernel, rpoTargetNs);
 *   //   (do not register CycleRecording for these sessions as well: cr includes it; rpo.* come only from the group's image)
 *   // link faults: schedule them on the WanLink; the sessions listen to link state
 *   // disaster at t: List<Metric> loss = g.lossAt(t); then end the run
 *   // at the end: cr.cycles() → Table "cycles" (box = session index); cr.intervals(endNs) → session-drop intervals
 * </pre>
 * Samplers come from named random streams (e.g. {@code consistency.<name>.message},
 * {@code shuttle.<name>.hop}) so that adding a group does not change other components' numbers.
 * Dependent streams must write only to volumes paired in the group (the image follows each
 * stream's chain and needs every link of it).
 */
package org.repsim.model.consistency;
