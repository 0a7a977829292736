/**
 * Pure rules of cycle-based asynchronous replication (docs/model.md §5), paired with the timed
 * engine in {@code org.repsim.model.cycle}: {@link org.repsim.model.cycle.rules.CycleSwitcher}
 * (primary: capture, folding, duplicate slots, switch, transmit order, cache pressure, drop and
 * resynchronisation), {@link org.repsim.model.cycle.rules.CycleReceiver} (secondary: receive,
 * commit, apply in order), {@link org.repsim.model.cycle.rules.SwitchRules},
 * {@link org.repsim.model.cycle.rules.CachePressure} and the per-cycle
 * {@link org.repsim.model.cycle.rules.CycleRecord}. No clock, scheduler or randomness: time comes
 * in as an argument and decisions come out as values ({@code WriteOutcome}, {@code SwitchOutcome},
 * {@code CycleSwitcher.TakenSlot}, commit numbers, owed tracks).
 */
package org.repsim.model.cycle.rules;
