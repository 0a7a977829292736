package org.repsim.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.repsim.core.kernel.SimulationKernel;
import org.repsim.core.kernel.dsol.DsolKernel;
import org.repsim.core.signal.Signals;

/** Which disk group holds a track, whatever order the look-ups come in (the last range is remembered). */
class BackEndTest {
    private final SimulationKernel kernel = DsolKernel.create();
    private final Signals signals = new Signals();

    private DiskGroup group(String name) {
        return new DiskGroup(kernel, signals, "box.b." + name, 1, DiskModel.ssd(1_000, 1e9), 1);
    }

    @Test
    void everyTrackFindsItsRangeGroupAndGapsFallToGroupZero() {
        List<DiskGroup> groups = List.of(group("g0"), group("g1"), group("g2"));
        BackEnd b = new BackEnd(groups);
        b.place(10, 10, 1);   // [10, 20) on g1
        b.place(20, 5, 2);    // [20, 25) on g2
        b.place(40, 100, 1);  // [40, 140) on g1; [25, 40) and 140+ are gaps
        Random r = new Random(3);
        for (int i = 0; i < 20_000; i++) {
            // runs on one range, then jumps: exercises the remembered range and its misses
            long track = i % 7 == 0 ? r.nextInt(200) : (i % 3 == 0 ? 19 : 20);
            int expected = track >= 10 && track < 20 ? 1 : track >= 20 && track < 25 ? 2 : track >= 40 && track < 140 ? 1 : 0;
            assertThat(b.groupOf(track)).as("track %d", track).isSameAs(groups.get(expected));
        }
    }
}
