/**
 * Cycle-based asynchronous replication engine (docs/model.md §5): {@link org.repsim.model.cycle.CycleSession}
 * drives the pure {@code org.repsim.model.cycle.rules} state machines with time, links, caches,
 * disks and processors; {@link org.repsim.model.cycle.CycleRecording} subscribes its measurements.
 * The session is a thin coordinator (switch timer, link state, drops, external control) over
 * collaborators with one job each: {@code WriteIntake} (host writes, pacing, consistency window),
 * {@code Transmitter} (slots, commits and copies over the links), {@code ApplyStage} (receiver and
 * apply at the secondary), {@code Resynchroniser} (owed-track copy after a drop) and
 * {@code SpillPool}. A reader who wants to change when a cycle switches opens the rules; one who
 * wants to change how slots reach the link opens the transmitter.
 *
 * <h2>Wiring by the scenario builder</h2>
 * <pre>
 *   // per replication pair of boxes (primary P → secondary S over links L1..Ln)
 *   long limit = CachePressure.sessionLimitBytes(P.cache().capacityBytes(), writePendingLimit, maxSessionShare);
 *   CachePressure pressure = new CachePressure(limit, spillPoolBytes, policies, transmitIdleNs);
 *   CycleSession s = new CycleSession(kernel, signals, P, S, List.of(L1, …), new CycleConfig(name, rules, pressure,
 *           spillDiskGroupIndexOrMinus1, SlotSizing.WRITTEN, slotHeaderBytes, commitBytes, ackBytes, applyPoolOrNull, true));
 *   s.addPair(primaryVolume, secondaryVolume);   // for each volume pair of P → S
 *   // a box with sessions toward several secondaries: new SessionRouter(P, itsSessions)
 *   // link faults: schedule them on the WanLink (scheduleOutage / down / up); sessions listen to link state
 *   // runs then build a ConsistencyGroup over the sessions (mode none: each switches by its own rules);
 *   // its ConsistencyRecording registers the cycle recording below together with the recovery-point lag
 *   // of the group's recoverable image (docs/model.md §7) — a session has no lag of its own.
 *   // Sessions outside any group (tests of the engine alone): cycle figures only
 *   CycleRecording cr = CycleRecording.register(recording, signals, allSessions, kernel);
 *   // at the end: cr.cycles() → Table "cycles"; cr.intervals(endNs) → session-drop intervals
 * </pre>
 * Sessions must be built at the simulation start (time of construction = session start).
 */
package org.repsim.model.cycle;
