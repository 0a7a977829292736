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
        assertThat(s.take(0)).containsExactly(7, 50);
        assertThat(s.markedCount()).isZero();
        assertThat(s.inFlightCount()).isEqualTo(2);
        // rewritten while in flight: marked again, for the next pass
        assertThat(s.mark(50, 40)).isTrue();
        s.secure(50);
        assertThat(s.oldestSinceNs()).isEqualTo(20);
        s.secure(7);
        assertThat(s.oldestSinceNs()).isEqualTo(40);
        assertThatThrownBy(() -> s.secure(7)).isInstanceOf(IllegalStateException.class);
        assertThat(s.take(0)).containsExactly(50);
        s.secure(50);
        assertThat(s.oldestSinceNs()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void aLimitedPassTakesTheLowestTracksAndKeepsBothListsOrderedBySince() {
        OutOfSyncSet s = new OutOfSyncSet(10);
        s.mark(9, 1);
        s.mark(2, 2);
        s.mark(5, 3);
        s.mark(0, 4);
        assertThat(s.take(2)).containsExactly(0, 2);
        assertThat(s.markedCount()).isEqualTo(2);
        // track 9 (since 1) stayed marked and is older than anything in flight
        assertThat(s.oldestSinceNs()).isEqualTo(1);
        assertThatThrownBy(() -> s.take(0)).isInstanceOf(IllegalStateException.class);
        s.secure(2);
        s.secure(0);
        assertThat(s.take(5)).containsExactly(5, 9);
        s.secure(9);
        assertThat(s.oldestSinceNs()).isEqualTo(3);
        s.secure(5);
        assertThat(s.oldestSinceNs()).isEqualTo(Long.MIN_VALUE);
    }
}
