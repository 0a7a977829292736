package org.repsim.model.ordered.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.repsim.model.ordered.rules.OrderedDispatcher.Ordering;
import org.repsim.model.ordered.rules.OrderedDispatcher.Scan;

class OrderedDispatcherTest {

    private final List<String> out = new ArrayList<>();

    private OrderedDispatcher<String> dispatcher(Scan scan, Ordering ordering) {
        return new OrderedDispatcher<>(scan, ordering, (id, seq, s, complete) -> out.add(id + ":" + seq));
    }

    @Test
    void orderingOffSendsOutOfOrderWhatOrderingOnHoldsBack() {
        OrderedDispatcher<String> off = dispatcher(Scan.HEAD, Ordering.OFF);
        long t = off.registerTask(1, 3);
        off.offer(t, 2, "c");
        off.offer(t, 0, "a");
        off.offer(t, 1, "b");
        assertThat(out).containsExactly("1:2", "1:0", "1:1");

        out.clear();
        OrderedDispatcher<String> on = dispatcher(Scan.HEAD, Ordering.ON);
        long u = on.registerTask(1, 3);
        on.offer(u, 2, "c");
        assertThat(out).isEmpty();
        on.offer(u, 0, "a");
        on.offer(u, 1, "b");
        assertThat(out).containsExactly("1:0", "1:1", "1:2");
        assertThat(on.waited()).isEqualTo(1);
    }

    @Test
    void scanAllCountsEveryQueuedEntryOfEveryTask() {
        OrderedDispatcher<String> d = dispatcher(Scan.ALL, Ordering.ON);
        long a = d.registerTask(1, 4);
        long b = d.registerTask(2, 4);
        assertThat(d.offer(a, 3, "")).isEqualTo(1);
        assertThat(d.offer(a, 2, "")).isEqualTo(2);
        assertThat(d.offer(b, 1, "")).isEqualTo(3);
        // a:0 dispatches; then a:1 is still missing, so a:2,a:3 and b:1 are examined and stay
        assertThat(d.offer(a, 0, "")).isEqualTo(4);
        assertThat(out).containsExactly("1:0");
        assertThat(d.depth()).isEqualTo(3);
        assertThat(d.depth(a)).isEqualTo(2);
        assertThat(d.depth(b)).isEqualTo(1);
        assertThat(d.maxDepth()).isEqualTo(4);

        OrderedDispatcher<String> h = dispatcher(Scan.HEAD, Ordering.ON);
        long ha = h.registerTask(1, 4);
        long hb = h.registerTask(2, 4);
        assertThat(h.offer(ha, 3, "")).isEqualTo(1);
        assertThat(h.offer(ha, 2, "")).isEqualTo(1);
        assertThat(h.offer(hb, 1, "")).isEqualTo(1);
        assertThat(h.offer(ha, 0, "")).isEqualTo(2);
    }

    @Test
    void rejectsStaleDuplicateOutOfRangeAndRetired() {
        OrderedDispatcher<String> d = dispatcher(Scan.HEAD, Ordering.ON);
        long t = d.registerTask(5, 3);
        d.offer(t, 0, "");
        d.offer(t, 2, "");
        assertThatThrownBy(() -> d.offer(t, 0, "")).isInstanceOf(RejectedSubtaskException.class)
                .hasMessageContaining("task 5 seq 0").hasMessageContaining("stale");
        assertThatThrownBy(() -> d.offer(t, 2, "")).hasMessageContaining("duplicate");
        assertThatThrownBy(() -> d.offer(t, 3, "")).hasMessageContaining("outside");
        assertThatThrownBy(() -> d.offer(t, -1, "")).hasMessageContaining("outside");
        d.offer(t, 1, "");
        assertThat(d.isActive(t)).isFalse();
        long reused = d.registerTask(6, 1);
        assertThat(reused).isNotEqualTo(t);
        assertThatThrownBy(() -> d.offer(t, 1, "")).hasMessageContaining("retired");
        assertThat(d.rejected()).isEqualTo(5);
        d.offer(reused, 0, "");
        assertThat(out).containsExactly("5:0", "5:1", "5:2", "6:0");
    }

    @Test
    void orderingOffRejectsDuplicates() {
        OrderedDispatcher<String> d = dispatcher(Scan.HEAD, Ordering.OFF);
        long t = d.registerTask(1, 2);
        d.offer(t, 1, "");
        assertThatThrownBy(() -> d.offer(t, 1, "")).hasMessageContaining("duplicate");
        assertThat(d.rejected()).isEqualTo(1);
    }

    @Test
    void validatesArguments() {
        OrderedDispatcher<String> d = dispatcher(Scan.HEAD, Ordering.ON);
        assertThatThrownBy(() -> d.registerTask(1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("subtaskCount");
        long t = d.registerTask(1, OrderedDispatcher.OPEN_ENDED);
        d.offer(t, 4, "");
        assertThatThrownBy(() -> d.setSubtaskCount(t, 4)).hasMessageContaining("needs >= 5");
        assertThat(d.setSubtaskCount(t, 5)).isFalse();
        assertThatThrownBy(() -> d.setSubtaskCount(t, 6)).hasMessageContaining("already set");
        assertThatThrownBy(() -> new OrderedDispatcher<String>(Scan.ALL, Ordering.ON, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void manyTasksGrowInternalTablesAndQueues() {
        OrderedDispatcher<String> d = dispatcher(Scan.HEAD, Ordering.ON);
        long[] handles = new long[100];
        for (int i = 0; i < handles.length; i++) {
            handles[i] = d.registerTask(i, 50);
        }
        for (int seq = 49; seq >= 0; seq--) {
            for (long h : handles) {
                d.offer(h, seq, "");
            }
        }
        assertThat(d.dispatched()).isEqualTo(5000);
        assertThat(d.activeTasks()).isZero();
        assertThat(d.maxDepth()).isEqualTo(49 * 100 + 1);
    }

    /**
     * 10^6 subtasks of many concurrent tasks, completed in a shuffled order within a sliding
     * window (k preparation processors finishing out of order): every task still dispatches
     * 0,1,2,… exactly once. Fixed seed.
     */
    @ParameterizedTest
    @EnumSource(Scan.class)
    void aMillionSubtasksInShuffledWindowsDispatchInOrder(Scan scan) {
        int[] expectedNext = new int[1 << 16];
        long[] bad = new long[1];
        OrderedDispatcher<Object> d = new OrderedDispatcher<>(scan, Ordering.ON, (id, seq, s, complete) -> {
            if (expectedNext[(int) id] != seq) {
                bad[0]++;
            }
            expectedNext[(int) id] = seq + 1;
        });
        java.util.Random random = new java.util.Random(7);
        int total = 1_000_000;
        int window = 64;
        long[] pendingHandle = new long[window];
        int[] pendingSeq = new int[window];
        int pending = 0;
        int offered = 0;
        int taskId = 0;
        long handle = 0;
        int seq = 0;
        int size = 0;
        int produced = 0;
        while (offered < total) {
            while (pending < window && produced < total) {
                if (seq == size) {
                    taskId = (taskId + 1) & 0xFFFF;
                    size = 1 + random.nextInt(16);
                    handle = d.registerTask(taskId, size);
                    expectedNext[taskId] = 0;
                    seq = 0;
                }
                pendingHandle[pending] = handle;
                pendingSeq[pending] = seq++;
                pending++;
                produced++;
            }
            int pick = random.nextInt(pending);
            d.offer(pendingHandle[pick], pendingSeq[pick], null);
            offered++;
            pending--;
            pendingHandle[pick] = pendingHandle[pending];
            pendingSeq[pick] = pendingSeq[pending];
        }
        assertThat(bad[0]).isZero();
        assertThat(d.dispatched()).isEqualTo(total);
        assertThat(d.depth()).isZero();
        assertThat(d.activeTasks()).as("only the last, partly produced task may stay").isLessThanOrEqualTo(1);
        // each queued entry waits behind a missing predecessor still in the window (≤ 15 per task)
        assertThat(d.maxDepth()).isPositive().isLessThanOrEqualTo(window * 15L);
        if (scan == Scan.ALL) {
            // the literal scan examines the whole queue on every insertion
            assertThat(d.examinedTotal()).isGreaterThan(total);
        }
    }
}
