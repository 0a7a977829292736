package org.repsim.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.repsim.core.kernel.dsol.DsolKernel;

/**
 * The event list against a reference model (a sorted map keyed by time, tie, scheduling order)
 * over 200 random mixes of schedule (with a handle, or posted without one), cancel, a look at
 * the first event through DSOL's list view, and fire, each from its own fixed seed. Some events
 * schedule a follow-up when they fire, as a model's do (the list then fills the place of the
 * event just taken with the new one).
 */
class EventHeapProperties {

    static Stream<List<Integer>> operationMixes() {
        return IntStream.range(0, 200).mapToObj(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            return r.ints(1 + r.nextInt(400), 0, 100).boxed().toList();
        });
    }

    @ParameterizedTest
    @MethodSource("operationMixes")
    void firesExactlyTheReferenceOrder(List<Integer> ops) {
        SimulationKernel k = DsolKernel.create();
        TreeMap<long[], Integer> reference = new TreeMap<>((a, b) -> {
            for (int i = 0; i < a.length; i++) {
                int c = Long.compare(a[i], b[i]);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        });
        List<EventHandle> handles = new ArrayList<>();
        List<long[]> keys = new ArrayList<>();
        List<Integer> fired = new ArrayList<>();
        List<Integer> expected = new ArrayList<>();
        long[] seq = {0};
        int[] nextId = {0};
        // events that schedule a follow-up when fired: id -> {delay, tie ordinal, follow-up id}
        java.util.Map<Integer, long[]> followUps = new java.util.HashMap<>();
        for (int op : ops) {
            if (op < 60) { // schedule at a small random offset so that ties are common
                long t = k.now() + op % 7;
                Tie tie = Tie.ofOrdinal(op % Tie.values().length);
                int myId = nextId[0]++;
                long[] key = {t, tie.ordinal(), seq[0]++};
                Runnable action = () -> fired.add(myId);
                if (op % 4 == 1) { // fires a follow-up, posted from inside its action
                    long delay = op % 5;
                    Tie followTie = Tie.ofOrdinal((op / 7) % Tie.values().length);
                    int followId = nextId[0]++;
                    followUps.put(myId, new long[] {delay, followTie.ordinal(), followId});
                    action = () -> {
                        fired.add(myId);
                        k.post(k.now() + delay, followTie, () -> fired.add(followId));
                    };
                }
                if (op % 3 == 0) {
                    k.post(t, tie, action); // no handle: never cancelled
                } else {
                    handles.add(k.at(t, tie, action));
                    keys.add(key);
                }
                reference.put(key, myId);
            } else if (op < 65) { // DSOL's view of the first event (makes an object for a posted one)
                var first = ((DsolKernel) k).getEventList().first();
                if (reference.isEmpty()) {
                    assertThat(first).isNull();
                } else {
                    assertThat(first.getAbsoluteExecutionTime()).isEqualTo(reference.firstKey()[0]);
                }
            } else if (op < 80 && !handles.isEmpty()) { // cancel some earlier event
                int victim = op * 31 % handles.size();
                boolean pending = reference.containsKey(keys.get(victim));
                assertThat(k.cancel(handles.get(victim))).isEqualTo(pending);
                reference.remove(keys.get(victim));
            } else { // fire one
                boolean any = k.fireNext();
                assertThat(any).isEqualTo(!reference.isEmpty());
                if (any) {
                    fireInReference(reference, followUps, seq, expected);
                }
            }
            assertThat(k.pendingEvents()).isEqualTo(reference.size());
        }
        k.runUntil(Long.MAX_VALUE / 2);
        while (!reference.isEmpty()) {
            fireInReference(reference, followUps, seq, expected);
        }
        assertThat(fired).containsExactlyElementsOf(expected);
        assertThat(k.pendingEvents()).isZero();
    }

    /** The reference's first event fires: it is expected next, and schedules its follow-up if it has one. */
    private static void fireInReference(TreeMap<long[], Integer> reference, java.util.Map<Integer, long[]> followUps,
                                        long[] seq, List<Integer> expected) {
        var first = reference.pollFirstEntry();
        expected.add(first.getValue());
        long[] f = followUps.get(first.getValue());
        if (f != null) {
            reference.put(new long[] {first.getKey()[0] + f[0], f[1], seq[0]++}, (int) f[2]);
        }
    }
}
