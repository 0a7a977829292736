package org.repsim.scenario.spec;

import static org.repsim.scenario.spec.Units.Kind.*;

import java.util.List;
import java.util.Map;

/** Ordered asynchronous dispatch settings (docs/model.md §4). */
public record Ordered(
        @OneOf({"host-tasks", "copy-passes", "both"}) @Default("\"host-tasks\"")
        @Doc("host-tasks: each host write is a write data task (one subtask per track); copy-passes: host writes only mark tracks out-of-sync and background passes carry them; both: host tasks plus an initial copy pass over every track.") String source,
        @Default("{\"count\": 4, \"serviceTime\": {\"dist\": \"exponential\", \"mean\": \"50 us\"}}")
        @Doc("First-stage preparation pool (k processors and their service time).") ProcessorPool prepare,
        @OneOf({"all", "head"}) @Default("\"all\"")
        @Doc("all: examine every queued subtask on each insertion (the claim's literal form); head: check subqueue heads only.") String scan,
        @Quantity(TIME) @Default("\"1 us\"") @Doc("First-stage processor time charged per queue entry examined.") long scanCostNs,
        @OneOf({"on", "off"}) @Default("\"on\"") @Doc("on: reorder by seq within a task, and per track start a subtask's preparation only once every older subtask of its track is dispatched (per-track gate, model §4). off: dispatch in preparation order, no gate, to show the violations ordering prevents.") String ordering,
        @Default("{}") @Doc("Second processor: turns subtasks into write commands.") Sender sender,
        @OneOf({"per-task", "per-subtask"}) @Default("\"per-task\"")
        @Doc("With several links: per-task pins each task to one port (its subtasks stay in order on a FIFO link); per-subtask spreads commands round-robin (more parallelism, but subtasks can overtake on links of different delay).") String spread,
        @Default("{}") @Doc("Background copy passes over out-of-sync tracks.") CopyPass copyPass,
        @OneOf({"pace", "copy-pass"}) @Default("\"pace\"")
        @Doc("What a replicated host write does when the copies its subtasks keep in the primary's cache until the secondary has them would take write pending above the limit (model §4): pace: it waits for room (host latency rises, ordered.paced.writes); copy-pass: it is cached as a plain write, acknowledged, and only marks its tracks out-of-sync for the background copy pass (write order not kept for them, ordered.deferred.writes). source host-tasks and both only.") String onCacheFull) {
}
