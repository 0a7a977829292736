package org.repsim.model.ordered.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.repsim.model.SeededCases;
import org.repsim.model.ordered.rules.OrderedDispatcher.Ordering;
import org.repsim.model.ordered.rules.OrderedDispatcher.Scan;

/**
 * docs/model.md §8.1 over random completion orders of several interleaved tasks: each property runs 1000
 * seeded interleavings of 1..6 tasks of 1..12 subtasks each.
 */
class OrderedDispatcherProperties {

    /** One prepared subtask: which task (index into the sizes) and its seq. */
    record Sub(int task, int seq) { }

    /** Task sizes and a random completion order of all their subtasks. */
    record Interleaving(List<Integer> sizes, List<Sub> order) { }

    /** One dispatch seen by the listener. */
    record Dispatch(long taskId, int seq, Sub payload, boolean complete) { }

    private static final int CASES = 1000;

    /**
     * Task sizes (1..6 tasks of 1..12 subtasks, bounds mixed in) and a uniform shuffle of all
     * subtasks; seed 0 is the smallest input (one task of one subtask), seed 1 the largest.
     */
    static Interleaving interleaving(int seed, SplittableRandom r) {
        List<Integer> sizes = switch (seed) {
            case 0 -> List.of(1);
            case 1 -> List.of(12, 12, 12, 12, 12, 12);
            default -> SeededCases.ints(r, 1, 6, 1, 12);
        };
        List<Sub> order = new ArrayList<>();
        for (int t = 0; t < sizes.size(); t++) {
            for (int s = 0; s < sizes.get(t); s++) {
                order.add(new Sub(t, s));
            }
        }
        for (int i = order.size() - 1; i > 0; i--) { // Fisher-Yates
            int j = r.nextInt(i + 1);
            Sub tmp = order.get(i);
            order.set(i, order.get(j));
            order.set(j, tmp);
        }
        return new Interleaving(sizes, order);
    }

    /** Runs {@code property} on {@link #CASES} seeded interleavings, each with its own random source. */
    private static void forInterleavings(BiConsumer<Interleaving, SplittableRandom> property) {
        SeededCases.forSeeds(CASES, seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            property.accept(interleaving(seed, r), r);
        });
    }

    private static Scan scan(SplittableRandom r) {
        return SeededCases.oneOf(r, Scan.values());
    }

    private static final class Run {
        final List<Dispatch> dispatches = new ArrayList<>();
        final OrderedDispatcher<Sub> dispatcher;
        final long[] handles;
        final List<Integer> examined = new ArrayList<>();

        Run(Scan scan, Ordering ordering, List<Integer> sizes) {
            dispatcher = new OrderedDispatcher<>(scan, ordering,
                    (id, seq, sub, complete) -> dispatches.add(new Dispatch(id, seq, sub, complete)));
            handles = new long[sizes.size()];
            for (int t = 0; t < sizes.size(); t++) {
                handles[t] = dispatcher.registerTask(1000 + t, sizes.get(t));
            }
        }

        void offer(Sub sub) {
            examined.add(dispatcher.offer(handles[sub.task()], sub.seq(), sub));
        }
    }

    @Test
    void perTaskDispatchIsGaplessAndComplete() {
        forInterleavings((in, r) -> {
            perTaskDispatchIsGaplessAndComplete(in, scan(r));
        });
    }

    private static void perTaskDispatchIsGaplessAndComplete(Interleaving in, Scan scan) {
        Run run = new Run(scan, Ordering.ON, in.sizes());
        in.order().forEach(run::offer);

        for (int t = 0; t < in.sizes().size(); t++) {
            long id = 1000 + t;
            List<Dispatch> ofTask = run.dispatches.stream().filter(d -> d.taskId() == id).toList();
            assertThat(ofTask).hasSize(in.sizes().get(t));
            for (int i = 0; i < ofTask.size(); i++) {
                assertThat(ofTask.get(i).seq()).isEqualTo(i);
                assertThat(ofTask.get(i).payload()).isEqualTo(new Sub(t, i));
                assertThat(ofTask.get(i).complete()).isEqualTo(i == ofTask.size() - 1);
            }
        }
        assertThat(run.dispatcher.depth()).isZero();
        assertThat(run.dispatcher.activeTasks()).isZero();
        assertThat(run.dispatcher.dispatched()).isEqualTo(in.order().size());
        assertThat(run.dispatcher.rejected()).isZero();
        for (long h : run.handles) {
            assertThat(run.dispatcher.isActive(h)).isFalse();
        }
    }

    /**
     * After every insertion each task has dispatched exactly the longest gap-free prefix of what
     * was offered to it: nothing waits once its predecessors are in, and a gap in one task never
     * holds back another.
     */
    @Test
    void dispatchesExactlyTheOfferedPrefixOfEveryTask() {
        forInterleavings((in, r) -> {
            dispatchesExactlyTheOfferedPrefixOfEveryTask(in, scan(r));
        });
    }

    private static void dispatchesExactlyTheOfferedPrefixOfEveryTask(Interleaving in, Scan scan) {
        Run run = new Run(scan, Ordering.ON, in.sizes());
        int tasks = in.sizes().size();
        boolean[][] offered = new boolean[tasks][];
        for (int t = 0; t < tasks; t++) {
            offered[t] = new boolean[in.sizes().get(t)];
        }
        int[] dispatchedPerTask = new int[tasks];
        for (Sub sub : in.order()) {
            int before = run.dispatches.size();
            run.offer(sub);
            for (Dispatch d : run.dispatches.subList(before, run.dispatches.size())) {
                dispatchedPerTask[(int) d.taskId() - 1000]++;
            }
            offered[sub.task()][sub.seq()] = true;
            long queued = 0;
            for (int t = 0; t < tasks; t++) {
                int prefix = 0;
                while (prefix < offered[t].length && offered[t][prefix]) {
                    prefix++;
                }
                assertThat(dispatchedPerTask[t]).as("task %d", t).isEqualTo(prefix);
                int offeredCount = 0;
                for (boolean b : offered[t]) {
                    offeredCount += b ? 1 : 0;
                }
                queued += offeredCount - prefix;
                if (run.dispatcher.isActive(run.handles[t])) {
                    assertThat(run.dispatcher.depth(run.handles[t])).isEqualTo(offeredCount - prefix);
                    assertThat(run.dispatcher.nextSeq(run.handles[t])).isEqualTo(prefix);
                }
            }
            assertThat(run.dispatcher.depth()).isEqualTo(queued);
        }
    }

    @Test
    void scanAllAndHeadDispatchIdenticallyAndAllExaminesAtLeastAsMuch() {
        forInterleavings((in, r) -> {
            scanAllAndHeadDispatchIdenticallyAndAllExaminesAtLeastAsMuch(in);
        });
    }

    private static void scanAllAndHeadDispatchIdenticallyAndAllExaminesAtLeastAsMuch(Interleaving in) {
        Run all = new Run(Scan.ALL, Ordering.ON, in.sizes());
        Run head = new Run(Scan.HEAD, Ordering.ON, in.sizes());
        for (Sub sub : in.order()) {
            long depthBefore = all.dispatcher.depth();
            all.offer(sub);
            head.offer(sub);
            int a = all.examined.get(all.examined.size() - 1);
            int h = head.examined.get(head.examined.size() - 1);
            assertThat(a).isGreaterThanOrEqualTo(h);
            // the literal claim examines every queued entry, the inserted one included
            assertThat(a).isEqualTo(depthBefore + 1);
            // head-only examines the dispatched entries plus the first non-matching head, if any
            assertThat(h).isBetween(head.dispatcher.lastDispatched(), head.dispatcher.lastDispatched() + 1);
        }
        assertThat(all.dispatches).isEqualTo(head.dispatches);
        assertThat(all.dispatcher.examinedTotal()).isGreaterThanOrEqualTo(head.dispatcher.examinedTotal());
    }

    @Test
    void staleOrDuplicateSubtaskIsRejectedAndChangesNothing() {
        forInterleavings((in, r) -> {
            staleOrDuplicateSubtaskIsRejectedAndChangesNothing(in, SeededCases.intIn(r, 0, 1000), scan(r));
        });
    }

    private static void staleOrDuplicateSubtaskIsRejectedAndChangesNothing(Interleaving in, int cut, Scan scan) {
        Run run = new Run(scan, Ordering.ON, in.sizes());
        Run reference = new Run(scan, Ordering.ON, in.sizes());
        int k = cut % in.order().size();
        for (int i = 0; i <= k; i++) {
            run.offer(in.order().get(i));
            reference.offer(in.order().get(i));
        }
        Sub again = in.order().get(cut % (k + 1));
        if (run.dispatcher.isActive(run.handles[again.task()])) {
            assertThatThrownBy(() -> run.offer(again))
                    .isInstanceOf(RejectedSubtaskException.class)
                    .satisfies(e -> {
                        RejectedSubtaskException r = (RejectedSubtaskException) e;
                        assertThat(r.taskId()).isEqualTo(1000 + again.task());
                        assertThat(r.seq()).isEqualTo(again.seq());
                    });
        } else {
            assertThatThrownBy(() -> run.offer(again)).isInstanceOf(RejectedSubtaskException.class)
                    .hasMessageContaining("retired");
        }
        assertThat(run.dispatcher.rejected()).isEqualTo(1);
        for (int i = k + 1; i < in.order().size(); i++) {
            run.offer(in.order().get(i));
            reference.offer(in.order().get(i));
        }
        assertThat(run.dispatches).isEqualTo(reference.dispatches);
        assertThat(run.dispatcher.depth()).isZero();
    }

    @Test
    void aGapInOneTaskNeverDelaysAnother() {
        forInterleavings((in, r) -> {
            aGapInOneTaskNeverDelaysAnother(in);
        });
    }

    private static void aGapInOneTaskNeverDelaysAnother(Interleaving in) {
        Run run = new Run(Scan.HEAD, Ordering.ON, in.sizes());
        Sub withheld = new Sub(0, 0);
        for (Sub sub : in.order()) {
            if (!sub.equals(withheld)) {
                run.offer(sub);
            }
        }
        // every other task finished while task 0 is stuck behind its missing seq 0
        assertThat(run.dispatches).allMatch(d -> d.taskId() != 1000);
        assertThat(run.dispatcher.activeTasks()).isEqualTo(1);
        assertThat(run.dispatcher.depth()).isEqualTo(in.sizes().get(0) - 1);
        run.offer(withheld);
        assertThat(run.dispatcher.activeTasks()).isZero();
        assertThat(run.dispatcher.lastDispatched()).isEqualTo(in.sizes().get(0));
    }

    @Test
    void orderingOffDispatchesInInsertionOrder() {
        forInterleavings((in, r) -> {
            orderingOffDispatchesInInsertionOrder(in);
        });
    }

    private static void orderingOffDispatchesInInsertionOrder(Interleaving in) {
        Run run = new Run(Scan.ALL, Ordering.OFF, in.sizes());
        in.order().forEach(run::offer);
        assertThat(run.dispatches.stream().map(Dispatch::payload).toList()).isEqualTo(in.order());
        assertThat(run.examined).allMatch(e -> e == 0);
        assertThat(run.dispatcher.activeTasks()).isZero();
    }

    @Test
    void openEndedTaskRetiresWhenCountFixedAndAllDispatched() {
        forInterleavings((in, r) -> {
            openEndedTaskRetiresWhenCountFixedAndAllDispatched(in, r.nextBoolean());
        });
    }

    private static void openEndedTaskRetiresWhenCountFixedAndAllDispatched(Interleaving in, boolean fixCountFirst) {
        List<Dispatch> seen = new ArrayList<>();
        OrderedDispatcher<Sub> d = new OrderedDispatcher<>(Scan.HEAD, Ordering.ON,
                (id, seq, sub, complete) -> seen.add(new Dispatch(id, seq, sub, complete)));
        long h = d.registerTask(7, OrderedDispatcher.OPEN_ENDED);
        int n = in.sizes().get(0);
        List<Sub> ofTask0 = in.order().stream().filter(s -> s.task() == 0).toList();
        if (fixCountFirst) {
            assertThat(d.setSubtaskCount(h, n)).isFalse();
        }
        ofTask0.forEach(s -> d.offer(h, s.seq(), s));
        assertThat(seen).extracting(Dispatch::seq).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, n).boxed().toList());
        if (!fixCountFirst) {
            assertThat(d.isActive(h)).isTrue();
            assertThat(seen).noneMatch(Dispatch::complete);
            assertThat(d.setSubtaskCount(h, n)).isTrue();
        } else {
            assertThat(seen.get(n - 1).complete()).isTrue();
        }
        assertThat(d.isActive(h)).isFalse();
        assertThat(d.activeTasks()).isZero();
    }

    @Test
    void combinedInputsStayDeterministic() {
        forInterleavings((in, r) -> {
            combinedInputsStayDeterministic(in);
        });
    }

    private static void combinedInputsStayDeterministic(Interleaving in) {
        Run a = new Run(Scan.ALL, Ordering.ON, in.sizes());
        Run b = new Run(Scan.ALL, Ordering.ON, in.sizes());
        in.order().forEach(a::offer);
        in.order().forEach(b::offer);
        assertThat(a.dispatches).isEqualTo(b.dispatches);
        assertThat(a.examined).isEqualTo(b.examined);
    }
}
