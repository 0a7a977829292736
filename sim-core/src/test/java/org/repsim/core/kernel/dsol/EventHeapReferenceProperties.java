package org.repsim.core.kernel.dsol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import nl.tudelft.simulation.dsol.formalisms.eventscheduling.SimEventInterface;
import org.repsim.core.kernel.Tie;

/**
 * The heap itself against {@link PriorityQueue} on the same keys (time, then order), over 300
 * random interleavings of push (an event object that can be cancelled), post (key and action
 * only), poll, poll-action followed by an insert (an event that schedules the next as it fires)
 * or by anything else, cancel (pending or already gone), peek, size, DSOL's iterator view and
 * emptying the list, each from its own fixed seed.
 *
 * <p>Times come from a handful of values near each other, so equal times (ordered by tie class
 * and sequence) are the common case, plus now and then one far apart (beyond 32 bits, near
 * {@link Long#MAX_VALUE} and negative) so that no bit of a 64-bit time may be lost. Each mix
 * first grows the list to between 0 and 2,000 pending events (beyond the initial capacity of 64)
 * and then drains and refills it. Inserts come in any order, so most of these mixes also take
 * the list's slow path, an insert before its floor. Every popped event must be the
 * reference's first, and after every step the sizes and the first keys must agree.
 *
 * <p>A second case keeps thousands of events pending (3,000 to 9,000, the working size of a
 * 64-box consistency group); it adds emptying the list, re-aiming a posted event's action and
 * DSOL's iterator view to the mix.
 *
 * <p>A third case inserts as a simulation does, never before the last event taken, with delays
 * from zero to beyond 2^40 ns, so that events go down through every level of buckets; the list
 * must then never take its slow path.
 */
class EventHeapReferenceProperties {

    /** An action that knows which event it belongs to. */
    private record Tag(int id) implements Runnable {
        @Override
        public void run() {
        }
    }

    /**
     * A reference entry: the key, the event's id, its object if it was pushed (else null) and its
     * slot if it was posted (else -1; the large case re-aims posted actions by slot).
     */
    private record Ref(long time, long order, int id, KernelEvent event, int slot) {
        Ref(long time, long order, int id, KernelEvent event) {
            this(time, order, id, event, -1);
        }
    }

    private static final Comparator<Ref> KEY_ORDER =
            Comparator.comparingLong(Ref::time).thenComparingLong(Ref::order);

    static IntStream seeds() {
        return IntStream.range(0, 300);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void popsExactlyTheReferenceSequence(int seed) {
        SplittableRandom r = new SplittableRandom(seed);
        EventHeap heap = new EventHeap();
        PriorityQueue<Ref> reference = new PriorityQueue<>(KEY_ORDER);
        List<Ref> pushed = new ArrayList<>();
        List<Integer> popped = new ArrayList<>();
        List<Integer> expected = new ArrayList<>();
        long[] seq = {0};
        int[] nextId = {0};
        int target = r.nextInt(2001);
        int steps = 2 * target + r.nextInt(3000);
        for (int step = 0; step < steps; step++) {
            boolean growing = step < target;
            int op = r.nextInt(100);
            if (growing ? op < 70 : op < 30) {
                insert(r, heap, reference, pushed, seq, nextId);
            } else if (op < 45) {
                // the run loop: take the first action, then (usually) insert from inside it
                if (reference.isEmpty()) {
                    assertThat(heap.count()).isZero();
                    continue;
                }
                assertThat(heap.peekTimeNs()).isEqualTo(reference.peek().time());
                Runnable action = heap.pollAction();
                popped.add(((Tag) action).id());
                expected.add(reference.poll().id());
                if (r.nextInt(4) != 0) {
                    insert(r, heap, reference, pushed, seq, nextId);
                }
            } else if (op < 60) {
                KernelEvent first = heap.poll();
                Ref want = reference.poll();
                if (want == null) {
                    assertThat(first).isNull();
                } else {
                    assertThat(first.timeNs).isEqualTo(want.time());
                    assertThat(first.order).isEqualTo(want.order());
                    assertThat(first.isPending()).isFalse();
                    popped.add(((Tag) first.action).id());
                    expected.add(want.id());
                }
            } else if (op < 75 && !pushed.isEmpty()) {
                Ref victim = pushed.get(r.nextInt(pushed.size()));
                boolean pending = reference.remove(victim);
                assertThat(heap.delete(victim.event())).isEqualTo(pending);
                assertThat(victim.event().isPending()).isFalse();
            } else if (op < 90) {
                assertSameFirst(heap, reference, action -> ((Tag) action).id());
            } else if (op < 95) {
                // DSOL's view lists exactly the pending events (also right after a take, the root vacant)
                List<Integer> listed = new ArrayList<>();
                for (Iterator<SimEventInterface<Long>> it = heap.iterator(); it.hasNext(); ) {
                    listed.add(((Tag) ((KernelEvent) it.next()).action).id());
                }
                assertThat(listed).containsExactlyInAnyOrderElementsOf(reference.stream().map(Ref::id).toList());
            } else if (op < 96) {
                heap.clear();
                reference.clear();
                assertThat(pushed).allSatisfy(ref -> assertThat(ref.event().isPending()).isFalse());
                pushed.clear();
            } else {
                assertThat(heap.isEmpty()).isEqualTo(reference.isEmpty());
            }
            assertThat(heap.count()).isEqualTo(reference.size());
        }
        while (!reference.isEmpty()) {
            popped.add(((Tag) heap.pollAction()).id());
            expected.add(reference.poll().id());
        }
        assertThat(popped).containsExactlyElementsOf(expected);
        assertThat(heap.count()).isZero();
        assertThat(heap.peek()).isNull();
    }

    /** Pushes an event object or posts a key and action, in the heap and in the reference. */
    private static void insert(SplittableRandom r, EventHeap heap, PriorityQueue<Ref> reference,
                               List<Ref> pushed, long[] seq, int[] nextId) {
        long time = time(r);
        long order = KernelEvent.order(Tie.ofOrdinal(r.nextInt(Tie.values().length)), seq[0]++);
        int id = nextId[0]++;
        Tag action = new Tag(id);
        if (r.nextBoolean()) {
            KernelEvent e = new KernelEvent(time, order, action);
            heap.push(e);
            Ref ref = new Ref(time, order, id, e);
            reference.add(ref);
            pushed.add(ref);
        } else {
            heap.post(time, order, action);
            reference.add(new Ref(time, order, id, null));
        }
    }

    /** Mostly one of a few neighbouring times; sometimes one far away in either direction. */
    private static long time(SplittableRandom r) {
        int pick = r.nextInt(100);
        if (pick < 90) {
            return 1_000 + r.nextInt(6);
        } else if (pick < 94) {
            return (1L << 40) + r.nextInt(3); // differs from the others only above bit 31
        } else if (pick < 97) {
            return Long.MAX_VALUE - r.nextInt(2);
        } else {
            return -(1L << 33) - r.nextInt(2);
        }
    }

    /** A posted event's action, re-aimable: {@code generation} counts the re-aims. */
    private record Aimed(int id, int generation) implements Runnable {
        @Override
        public void run() {
        }
    }

    static IntStream largeSeeds() {
        return IntStream.range(0, 24);
    }

    @ParameterizedTest
    @MethodSource("largeSeeds")
    void thousandsPendingPopExactlyTheReferenceSequence(int seed) {
        SplittableRandom r = new SplittableRandom(1_000_003L * seed + 17);
        EventHeap heap = new EventHeap();
        PriorityQueue<Ref> reference = new PriorityQueue<>(KEY_ORDER);
        List<Ref> pushed = new ArrayList<>();
        List<Ref> posted = new ArrayList<>();
        Set<Integer> pending = new HashSet<>();
        // posted events a DSOL view has turned into event objects (no longer re-aimable)
        Set<Integer> viewed = new HashSet<>();
        Map<Integer, Integer> generation = new HashMap<>();
        List<Integer> popped = new ArrayList<>();
        List<Integer> expected = new ArrayList<>();
        // a handful of times (ties the rule), a few hundred, or spread wide
        long spread = new long[] {4, 300, 1L << 40}[seed % 3];
        int target = 3_000 + r.nextInt(6_001);
        int steps = 8 * target;
        long seq = 0;
        int nextId = 0;
        int maxPending = 0;
        for (int step = 0; step < steps; step++) {
            int op = r.nextInt(1_000);
            boolean filling = reference.size() < target;
            if (op < (filling ? 650 : 400)) {
                long time = r.nextInt(100) < 97 ? 5_000 + r.nextLong(spread)
                        : r.nextBoolean() ? Long.MAX_VALUE - r.nextInt(3) : -(1L << 35) - r.nextInt(3);
                long order = KernelEvent.order(Tie.ofOrdinal(r.nextInt(Tie.values().length)), seq++);
                int id = nextId++;
                if (r.nextBoolean()) {
                    KernelEvent e = new KernelEvent(time, order, new Aimed(id, 0));
                    heap.push(e);
                    Ref ref = new Ref(time, order, id, e, -1);
                    reference.add(ref);
                    pushed.add(ref);
                } else {
                    int slot = heap.post(time, order, new Aimed(id, 0));
                    Ref ref = new Ref(time, order, id, null, slot);
                    reference.add(ref);
                    posted.add(ref);
                }
                pending.add(id);
                generation.put(id, 0);
            } else if (op < 780) {
                if (reference.isEmpty()) {
                    assertThat(heap.count()).isZero();
                    continue;
                }
                Ref want = reference.poll();
                pending.remove(want.id());
                Aimed got;
                if (op < 700) {
                    assertThat(heap.peekTimeNs()).isEqualTo(want.time());
                    got = (Aimed) heap.pollAction();
                } else {
                    KernelEvent first = heap.poll();
                    assertThat(first.timeNs).isEqualTo(want.time());
                    assertThat(first.order).isEqualTo(want.order());
                    assertThat(first.isPending()).isFalse();
                    got = (Aimed) first.action;
                }
                assertThat(got.generation()).isEqualTo(generation.get(want.id()));
                popped.add(got.id());
                expected.add(want.id());
            } else if (op < 880) {
                if (pushed.isEmpty()) {
                    continue;
                }
                Ref victim = pushed.get(r.nextInt(pushed.size()));
                boolean wasPending = pending.remove(victim.id());
                if (wasPending) {
                    reference.remove(victim);
                }
                assertThat(heap.delete(victim.event())).isEqualTo(wasPending);
                assertThat(victim.event().isPending()).isFalse();
            } else if (op < 940) {
                if (posted.isEmpty()) {
                    continue;
                }
                Ref p = posted.get(r.nextInt(posted.size()));
                Runnable there = heap.postedAction(p.slot(), p.time(), p.order());
                if (pending.contains(p.id()) && !viewed.contains(p.id())) {
                    assertThat(there).isInstanceOf(Aimed.class);
                    assertThat(((Aimed) there).id()).isEqualTo(p.id());
                    int g = generation.get(p.id()) + 1;
                    heap.setPostedAction(p.slot(), new Aimed(p.id(), g));
                    generation.put(p.id(), g);
                } else {
                    assertThat(there).isNull();
                }
            } else if (op < 990) {
                Ref want = assertSameFirst(heap, reference, action -> ((Aimed) action).id());
                if (want != null) {
                    viewed.add(want.id());
                }
            } else if (op < 992) {
                // DSOL's view: every pending key once, each posted event now an event object
                List<Long> seen = new ArrayList<>();
                for (Iterator<SimEventInterface<Long>> it = heap.iterator(); it.hasNext(); ) {
                    KernelEvent e = (KernelEvent) it.next();
                    seen.add(e.order); // orders are unique: they name the entries
                    viewed.add(((Aimed) e.action).id());
                }
                List<Long> want = new ArrayList<>();
                for (Ref b : reference) {
                    want.add(b.order());
                }
                seen.sort(null);
                want.sort(null);
                assertThat(seen).isEqualTo(want);
            } else if (op < 994 && maxPending >= target && r.nextInt(10) == 0) {
                // rare, and only once the list has reached its target size
                heap.clear();
                reference.clear();
                pending.clear();
                assertThat(heap.isEmpty()).isTrue();
                assertThat(heap.peek()).isNull();
                for (Ref b : pushed) {
                    assertThat(b.event().isPending()).isFalse();
                }
            } else {
                assertThat(heap.isEmpty()).isEqualTo(reference.isEmpty());
            }
            assertThat(heap.count()).isEqualTo(reference.size());
            maxPending = Math.max(maxPending, heap.count());
            if (step % 97 == 0) {
                heap.checkChunks(); // every bucket chunk in one place, each bucket holding the chunks it needs
            }
        }
        assertThat(maxPending).as("pending events at most").isGreaterThanOrEqualTo(target);
        heap.checkChunks();
        while (!reference.isEmpty()) {
            Ref want = reference.poll();
            Aimed got = (Aimed) heap.pollAction();
            assertThat(got.generation()).isEqualTo(generation.get(want.id()));
            popped.add(got.id());
            expected.add(want.id());
        }
        assertThat(popped).containsExactlyElementsOf(expected);
        assertThat(heap.count()).isZero();
        assertThat(heap.peek()).isNull();
    }

    /** A delay as a model draws them: zero, a few ns, µs, ms, s, or beyond 2^40 ns. */
    private static long delay(SplittableRandom r) {
        int pick = r.nextInt(100);
        if (pick < 15) {
            return 0;
        } else if (pick < 30) {
            return r.nextInt(16);
        } else if (pick < 60) {
            return 1 + (long) (-Math.log(1 - r.nextDouble()) * 20_000); // tens of µs
        } else if (pick < 85) {
            return 1 + (long) (-Math.log(1 - r.nextDouble()) * 3_000_000); // ms
        } else if (pick < 98) {
            return r.nextLong(1L << 34); // up to 17 s
        } else {
            return (1L << 40) + r.nextLong(1L << 45);
        }
    }

    @ParameterizedTest
    @MethodSource("largeSeeds")
    void simulationOrderedInsertsPopTheReferenceSequenceWithoutTheSlowPath(int seed) {
        SplittableRandom r = new SplittableRandom(7_919L * seed + 3);
        EventHeap heap = new EventHeap();
        PriorityQueue<Ref> reference = new PriorityQueue<>(KEY_ORDER);
        List<Ref> pushed = new ArrayList<>();
        Set<Integer> pending = new HashSet<>();
        int target = 1 + r.nextInt(new int[] {4, 200, 9_000}[seed % 3]);
        long now = r.nextLong(1L << 50); // the clock need not start at 0
        long seq = 0;
        int nextId = 0;
        List<Integer> popped = new ArrayList<>();
        List<Integer> expected = new ArrayList<>();
        int fired = 0;
        while (fired < 60_000) {
            boolean filling = reference.size() < target;
            int op = r.nextInt(100);
            if (reference.isEmpty() || op < (filling ? 70 : 45)) {
                long time = now + delay(r);
                long order = KernelEvent.order(Tie.ofOrdinal(r.nextInt(Tie.values().length)), seq++);
                int id = nextId++;
                if (r.nextInt(4) == 0) {
                    KernelEvent e = new KernelEvent(time, order, new Tag(id));
                    heap.push(e);
                    Ref ref = new Ref(time, order, id, e);
                    reference.add(ref);
                    pushed.add(ref);
                } else {
                    heap.post(time, order, new Tag(id));
                    reference.add(new Ref(time, order, id, null));
                }
                pending.add(id);
            } else if (op < 95) {
                Ref want = reference.poll();
                assertThat(heap.peekTimeNs()).isEqualTo(want.time());
                now = want.time();
                popped.add(((Tag) heap.pollAction()).id());
                expected.add(want.id());
                pending.remove(want.id());
                fired++;
            } else if (!pushed.isEmpty()) {
                Ref victim = pushed.get(r.nextInt(pushed.size()));
                boolean wasPending = pending.remove(victim.id());
                if (wasPending) {
                    reference.remove(victim);
                }
                assertThat(heap.delete(victim.event())).isEqualTo(wasPending);
            }
            assertThat(heap.count()).isEqualTo(reference.size());
            if (fired % 4_999 == 0) {
                heap.checkChunks();
            }
        }
        heap.checkChunks();
        assertThat(popped).containsExactlyElementsOf(expected);
        assertThat(heap.floorsLowered()).as("inserts before the floor").isZero();
    }

    @Test
    void timesAcrossTheWholeSignedRangeComeOutInOrder() {
        // negative and positive times differ in the top byte; buckets there must order them as signed numbers
        long[] times = {Long.MAX_VALUE, 7, -(1L << 60), 0, Long.MIN_VALUE + 5, 1L << 62, -3, -(1L << 62) + 1};
        for (int rotation = 0; rotation < times.length; rotation++) {
            EventHeap heap = new EventHeap();
            heap.post(Long.MIN_VALUE + 5, KernelEvent.order(Tie.NORMAL, 100), new Tag(-1));
            heap.pollAction(); // the floor is now near the bottom of the range
            for (int i = 0; i < times.length; i++) {
                long t = times[(i + rotation) % times.length];
                heap.post(t, KernelEvent.order(Tie.NORMAL, i), new Tag(i));
            }
            long last = Long.MIN_VALUE;
            while (heap.count() > 0) {
                long t = heap.peekTimeNs();
                assertThat(t).isGreaterThanOrEqualTo(last);
                last = t;
                heap.pollAction();
            }
            assertThat(last).isEqualTo(Long.MAX_VALUE);
        }
    }

    @Test
    void anInsertBetweenTheClockAndTheFirstEventLowersTheFloorAndKeepsTheOrder() {
        // a run that stops short of the next event leaves the clock before it (the floor has
        // moved up to that event); an event scheduled in between must still come first. Forty
        // events pending, so that the list files them in buckets.
        EventHeap heap = new EventHeap();
        List<Integer> want = new ArrayList<>(List.of(-2, -3));
        for (int i = 0; i < 40; i++) {
            heap.post(1_000_000 + 1_000L * i, KernelEvent.order(Tie.DEPARTURE, i), new Tag(i));
            want.add(i);
        }
        assertThat(heap.peekTimeNs()).isEqualTo(1_000_000);
        heap.post(999_999, KernelEvent.order(Tie.DEPARTURE, 100), new Tag(-2));
        heap.post(1_000_000, KernelEvent.order(Tie.CONTROL, 101), new Tag(-3));
        assertThat(heap.floorsLowered()).isEqualTo(1);
        List<Integer> order = new ArrayList<>();
        while (heap.count() > 0) {
            order.add(((Tag) heap.pollAction()).id());
        }
        assertThat(order).containsExactlyElementsOf(want);
    }

    @Test
    void aFullHeapDrainsInKeyOrderThroughEveryPath() {
        // 5,000 events in reverse key order (every insert sifts to the root), then drained
        // alternately by poll and by poll-action with a re-insert of a later event
        EventHeap heap = new EventHeap();
        PriorityQueue<Ref> reference = new PriorityQueue<>(KEY_ORDER);
        int n = 5_000;
        for (int i = n - 1; i >= 0; i--) {
            long order = KernelEvent.order(Tie.ofOrdinal(i % Tie.values().length), i);
            heap.post(i / 3, order, new Tag(i));
            reference.add(new Ref(i / 3, order, i, null));
        }
        int next = n;
        while (!reference.isEmpty()) {
            Ref want = reference.poll();
            if (want.id() % 2 == 0) {
                assertThat(((Tag) heap.poll().action).id()).isEqualTo(want.id());
            } else {
                assertThat(((Tag) heap.pollAction()).id()).isEqualTo(want.id());
                if (next < n + 1_000) {
                    long order = KernelEvent.order(Tie.NORMAL, next);
                    heap.post(want.time() + 7, order, new Tag(next));
                    reference.add(new Ref(want.time() + 7, order, next, null));
                    next++;
                }
            }
            assertThat(heap.count()).isEqualTo(reference.size());
        }
        assertThat(heap.isEmpty()).isTrue();
    }

    /** Asserts that the heap's first event is the reference's first (none when it is empty) and returns that. */
    private static Ref assertSameFirst(EventHeap heap, PriorityQueue<Ref> reference,
                                       java.util.function.ToIntFunction<Runnable> idOf) {
        KernelEvent first = heap.peek();
        Ref want = reference.peek();
        if (want == null) {
            assertThat(first).isNull();
        } else {
            assertThat(first.timeNs).isEqualTo(want.time());
            assertThat(first.order).isEqualTo(want.order());
            assertThat(idOf.applyAsInt(first.action)).isEqualTo(want.id());
        }
        return want;
    }
}
