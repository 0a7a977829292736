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
 * the first event through DSOL's list view, and fire, each from its own fixed seed.
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
        long seq = 0;
        int id = 0;
        for (int op : ops) {
            if (op < 60) { // schedule at a small random offset so that ties are common
                long t = k.now() + op % 7;
                Tie tie = Tie.ofOrdinal(op % Tie.values().length);
                int myId = id++;
                long[] key = {t, tie.ordinal(), seq++};
                if (op % 3 == 0) {
                    k.post(t, tie, () -> fired.add(myId)); // no handle: never cancelled
                } else {
                    handles.add(k.at(t, tie, () -> fired.add(myId)));
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
                    expected.add(reference.pollFirstEntry().getValue());
                }
            }
            assertThat(k.pendingEvents()).isEqualTo(reference.size());
        }
        k.runUntil(Long.MAX_VALUE / 2);
        expected.addAll(reference.values());
        assertThat(fired).containsExactlyElementsOf(expected);
    }
}
