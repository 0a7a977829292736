package org.repsim.core.kernel.dsol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.repsim.core.kernel.Tie;

/**
 * The radix buckets' room follows the events pending, not the length of the run: buckets take
 * fixed chunks from one shared pool and give each back once emptied, so the pool's room is at
 * most twice the most the buckets ever needed at once (pending entries plus a part-filled chunk
 * per occupied bucket), whatever the number of events that passed through.
 */
class EventHeapRoomTest {

    /** A model's delays: zero, ns, µs, ms, up to seconds, and now and then hours. */
    private static long delay(SplittableRandom r) {
        int pick = r.nextInt(100);
        if (pick < 10) {
            return r.nextInt(16);
        } else if (pick < 50) {
            return 1 + (long) (-Math.log(1 - r.nextDouble()) * 40_000);
        } else if (pick < 90) {
            return 1 + (long) (-Math.log(1 - r.nextDouble()) * 5_000_000);
        } else if (pick < 99) {
            return r.nextLong(1L << 34);
        }
        return r.nextLong(1L << 42);
    }

    @ParameterizedTest
    @ValueSource(ints = {40, 700, 6_000})
    void roomStaysWithinTwiceThePeakNeedOverAMillionEvents(int pending) {
        SplittableRandom r = new SplittableRandom(31L * pending + 5);
        EventHeap heap = new EventHeap();
        long now = 0;
        long seq = 0;
        List<KernelEvent> cancellable = new ArrayList<>();
        long need = 0; // the most room in use at once: pending entries plus one part-filled chunk per occupied bucket
        int roomAtQuarter = 0;
        int fired = 0;
        int target = 1_000_000;
        while (fired < target) {
            if (heap.count() < pending || r.nextInt(100) < 45) {
                long order = KernelEvent.order(Tie.NORMAL, seq++);
                if (r.nextInt(8) == 0) {
                    KernelEvent e = new KernelEvent(now + delay(r), order, () -> { });
                    heap.push(e);
                    cancellable.add(e);
                } else {
                    heap.post(now + delay(r), order, () -> { });
                }
            } else if (r.nextInt(20) == 0 && !cancellable.isEmpty()) {
                heap.delete(cancellable.remove(r.nextInt(cancellable.size())));
            } else {
                now = heap.peekTimeNs();
                heap.pollAction();
                fired++;
                if (fired == target / 4) {
                    roomAtQuarter = heap.bucketRoom();
                }
            }
            need = Math.max(need, heap.count() + (long) EventHeap.CHUNK * heap.bucketsOccupied());
            if (fired % 65_536 == 0) {
                heap.checkChunks();
            }
        }
        heap.checkChunks();
        assertThat(heap.bucketRoom()).as("room for entries in the buckets' chunks")
                .isLessThanOrEqualTo((int) Math.max(EventHeap.INITIAL_CHUNKS * EventHeap.CHUNK, 2 * need));
        assertThat(heap.bucketRoom()).as("room after a million events against after a quarter million")
                .isLessThanOrEqualTo(2 * Math.max(roomAtQuarter, EventHeap.INITIAL_CHUNKS * EventHeap.CHUNK));
    }

    @Test
    void cancellingEveryEventInABucketGivesItsChunksBack() {
        // 2,000 events far enough ahead to stay in the buckets, cancelled in random order: after each
        // cancel every chunk is in one place; at the end all are free again (the list is empty)
        EventHeap heap = new EventHeap();
        SplittableRandom r = new SplittableRandom(11);
        List<KernelEvent> events = new ArrayList<>();
        heap.post(0, KernelEvent.order(Tie.NORMAL, 0), () -> { });
        heap.pollAction();
        for (int i = 0; i < 2_000; i++) {
            KernelEvent e = new KernelEvent(1_000 + r.nextInt(300), KernelEvent.order(Tie.NORMAL, i + 1), () -> { });
            heap.push(e);
            events.add(e);
        }
        int room = heap.bucketRoom();
        assertThat(heap.bucketsOccupied()).isPositive();
        while (!events.isEmpty()) {
            assertThat(heap.delete(events.remove(r.nextInt(events.size())))).isTrue();
            heap.checkChunks();
        }
        assertThat(heap.count()).isZero();
        assertThat(heap.bucketsOccupied()).isZero();
        assertThat(heap.bucketRoom()).isEqualTo(room);
    }
}
