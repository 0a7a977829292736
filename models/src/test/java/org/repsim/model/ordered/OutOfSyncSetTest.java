package org.repsim.model.ordered;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OutOfSyncSetTest {

    @Test
    void aPassTakesMarkedTracksInTrackOrderAndTheOldestWriteIsTracked() {
        OutOfSyncSet s = new OutOfSyncSet(100);
        assertThat(s.mark(50, 10)).isTrue();
        assertThat(s.mark(7, 20)).isTrue();
        assertThat(s.mark(50, 30)).isFalse(); // folded: the oldest write to 50 stays at 10
        assertThat(s.oldestSinceNs()).isEqualTo(10);
        OutOfSyncSet.Taken first = s.take(0);
        assertThat(first.tracks()).containsExactly(7, 50);
        assertThat(s.markedCount()).isZero();
        assertThat(s.inFlightCount()).isEqualTo(2);
        // rewritten while in flight: marked again, for the next pass
        assertThat(s.mark(50, 40)).isTrue();
        s.secure(first.nodes()[1]);
        assertThat(s.oldestSinceNs()).isEqualTo(20);
        s.secure(first.nodes()[0]);
        assertThat(s.oldestSinceNs()).isEqualTo(40);
        assertThatThrownBy(() -> s.secure(first.nodes()[0])).isInstanceOf(IllegalStateException.class);
        OutOfSyncSet.Taken second = s.take(0);
        assertThat(second.tracks()).containsExactly(50);
        s.secure(second.nodes()[0]);
        assertThat(s.oldestSinceNs()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void aLimitedPassTakesTheLowestTracksAndKeepsBothListsOrderedBySince() {
        OutOfSyncSet s = new OutOfSyncSet(10);
        s.mark(9, 1);
        s.mark(2, 2);
        s.mark(5, 3);
        s.mark(0, 4);
        OutOfSyncSet.Taken first = s.take(2);
        assertThat(first.tracks()).containsExactly(0, 2);
        assertThat(s.markedCount()).isEqualTo(2);
        // track 9 (since 1) stayed marked and is older than anything in flight
        assertThat(s.oldestSinceNs()).isEqualTo(1);
        assertThatThrownBy(() -> s.take(0)).isInstanceOf(IllegalStateException.class);
        s.secure(first.nodes()[1]);
        s.secure(first.nodes()[0]);
        OutOfSyncSet.Taken second = s.take(5);
        assertThat(second.tracks()).containsExactly(5, 9);
        s.secure(second.nodes()[1]);
        assertThat(s.oldestSinceNs()).isEqualTo(3);
        s.secure(second.nodes()[0]);
        assertThat(s.oldestSinceNs()).isEqualTo(Long.MIN_VALUE);
    }

    /** Memory follows the outstanding tracks, not the number of writes: 10^5 rewrites of 10 tracks use 10 nodes. */
    @Test
    void nodePoolIsBoundedByOutstandingTracksNotByWrites() {
        OutOfSyncSet s = new OutOfSyncSet(1_000_000);
        long t = 0;
        for (int round = 0; round < 10_000; round++) {
            for (int track = 0; track < 10; track++) {
                s.mark(track * 1_000, t++);
            }
            if (round % 100 == 99) {
                OutOfSyncSet.Taken taken = s.take(0);
                for (int node : taken.nodes()) {
                    s.secure(node);
                }
            }
        }
        assertThat(s.nodePoolSize()).isLessThanOrEqualTo(20);
    }
}
