package org.repsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Progress lines for a log, on a clock the test sets. */
class LogProgressTest {
    private static final long S = 1_000_000_000L;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final long[] now = {1_000 * S};
    private final LogProgress progress = new LogProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8),
            () -> now[0], Duration.ofMinutes(1), Duration.ofMinutes(5));

    private List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    /** {@code wallS} seconds after the start, {@code simulatedS} more simulated seconds and 10^6 events each. */
    private void at(long wallS, long simulatedS) {
        now[0] = 1_000 * S + wallS * S;
        progress.advance(simulatedS * S, simulatedS * 1_000_000);
    }

    @Test
    void aLineAfterAMinuteThenEveryFiveWithTheShareDoneAndTheTimeLeftAtThisPace() {
        // an hour of simulated time over one replication, simulated at 1 s of it per 4 s of wall time
        progress.start(3_600 * S, 1);
        at(40, 10);
        assertThat(lines()).isEmpty();
        at(59, 5);
        assertThat(lines()).isEmpty();
        at(60, 0);
        assertThat(lines()).containsExactly("repsim: 0.4 % of the simulated time done (15 of 3600 s over 1 replication) "
                + "in 1 min 0 s, 0.25 M events/s; about 3 h 59 min left at this pace");
        at(200, 35);
        at(359, 39);
        assertThat(lines()).hasSize(1);
        at(360, 1);
        // 90 of 3600 s in 360 s: 3510 s left at 4 s each
        assertThat(lines()).hasSize(2).last().asString().startsWith("repsim: 2.5 % of the simulated time done (90 of 3600 s over 1 "
                + "replication) in 6 min 0 s, 0.25 M events/s; about 3 h 54 min left");
        // a report long after a line: the next line is due at the next five-minute mark, not five minutes later
        at(1_000, 160);
        at(1_199, 0);
        assertThat(lines()).hasSize(3);
        at(1_260, 0);
        assertThat(lines()).hasSize(4);
        progress.close();
        assertThat(lines()).hasSize(5).last().asString()
                .isEqualTo("repsim: 250 of 3600 s simulated in 21 min 0 s, 0.20 M events/s");
    }

    @Test
    void aRunShorterThanAMinuteSaysNothingNotEvenAtItsEnd() {
        progress.start(20 * S, 2);
        at(10, 10);
        at(50, 10);
        progress.close();
        assertThat(lines()).isEmpty();
    }

    @Test
    void severalReplicationsAndFractionsOfASecond() {
        progress.start(3 * S / 2, 3);
        now[0] += 61 * S;
        progress.advance(S / 4, 10);
        assertThat(lines()).singleElement().asString()
                .startsWith("repsim: 16.7 % of the simulated time done (0.25 of 1.5 s over 3 replications) in 1 min 1 s");
    }

    @Test
    void clockReadsAsAPersonWouldSayIt() {
        assertThat(LogProgress.clock(44.6)).isEqualTo("45 s");
        assertThat(LogProgress.clock(725)).isEqualTo("12 min 5 s");
        assertThat(LogProgress.clock(3 * 3600 + 7 * 60 + 59)).isEqualTo("3 h 07 min");
    }
}
