package org.repsim.core.kernel.dsol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.repsim.core.kernel.Tie;

class EventCensusTest {
    private final DsolKernel k = DsolKernel.create("census");
    private final List<String> log = new ArrayList<>();

    /** An action with a class of its own (not a lambda). */
    private final class Tick implements Runnable {
        @Override
        public void run() {
            log.add(k.now() + ":tick");
        }
    }

    @Test
    void countsEachFiredEventUnderTheClassOfItsActionAndLambdasUnderTheirDeclaringClass() {
        k.at(1, new Tick());
        k.post(2, Tie.NORMAL, new Tick());
        k.at(3, () -> log.add("lambda"));
        k.post(3, Tie.DEPARTURE, () -> k.post(4, Tie.NORMAL, new Tick())); // an event that schedules another
        k.at(100, new Tick()); // past the run's end: never fired, never counted
        EventCensus census = k.census();
        k.runUntil(50);
        Map<String, Long> byKind = census.byKind();
        assertThat(byKind).containsExactly(Map.entry("EventCensusTest$Tick", 3L),
                Map.entry("EventCensusTest" + EventCensus.LAMBDA, 2L));
        assertThat(census.total()).isEqualTo(5).isEqualTo(k.eventsFired());
        assertThat(byKind.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(census.total());
    }

    @Test
    void countsOnlyFromWhenItWasAskedForAndTheSameCensusAfter() {
        k.at(1, new Tick());
        k.at(2, new Tick());
        k.runUntil(1);
        EventCensus census = k.census();
        assertThat(k.census()).isSameAs(census);
        k.runUntil(10);
        assertThat(census.total()).isEqualTo(1);
        assertThat(k.eventsFired()).isEqualTo(2);
    }

    @Test
    void steppingIsCountedAsTheRunLoopIs() {
        EventCensus census = k.census();
        k.at(1, new Tick());
        k.at(2, () -> { });
        assertThat(k.fireNext()).isTrue();
        assertThat(k.fireNext()).isTrue();
        assertThat(k.fireNext()).isFalse();
        assertThat(census.byKind()).containsOnlyKeys("EventCensusTest$Tick", "EventCensusTest" + EventCensus.LAMBDA);
        assertThat(census.total()).isEqualTo(2);
    }

    @Test
    void theMostFrequentKindComesFirst() {
        k.at(1, () -> { });
        for (int i = 0; i < 3; i++) {
            k.at(2 + i, new Tick());
        }
        EventCensus census = k.census();
        k.runUntil(10);
        assertThat(census.byKind().keySet()).containsExactly("EventCensusTest$Tick", "EventCensusTest" + EventCensus.LAMBDA);
    }

    @Test
    void countsTheEventsAtTheInstantOfTheOneBeforeOfTheSameClass() {
        for (int i = 0; i < 3; i++) {
            k.at(7, new Tick()); // three at one instant: two share it with the one before
        }
        k.at(7, () -> { }); // a lambda between them does not break the Ticks' run
        k.at(7, new Tick());
        k.at(8, new Tick());
        k.at(9, () -> { });
        EventCensus census = k.census();
        k.runUntil(10);
        assertThat(census.sameInstantByKind()).containsExactly(Map.entry("EventCensusTest$Tick", 3L),
                Map.entry("EventCensusTest" + EventCensus.LAMBDA, 0L));
        // the lambda between the third and fourth Tick breaks their run
        assertThat(census.backToBackByKind()).containsExactly(Map.entry("EventCensusTest$Tick", 2L),
                Map.entry("EventCensusTest" + EventCensus.LAMBDA, 0L));
    }
}
