package org.repsim.model.ordered;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.repsim.core.kernel.Tie;
import org.repsim.model.ordered.OrderedConfig.Source;
import org.repsim.model.recovery.RecoverableImage;
import org.repsim.model.recovery.rules.TrackImage;

/**
 * docs/model.md §8.4 for the ordered engine, at arbitrary instants of a run: bytes hosts wrote
 * (after folding) = bytes written at the secondary + the backlog (bytes owed: out-of-sync tracks,
 * host-task subtasks and copies not yet written there), from the engine's own counters, checked
 * against a brute-force count from the driver's event log.
 *
 * <p>Random writes (Poisson, a hot set of tracks, 4 KiB to 160 KiB from a track start) go through a
 * link outage, so the backlog builds up and drains; the run is stopped before, during and after
 * it. The log is the recoverable image's: each write with its tracks and bytes; each subtask reads
 * its track when prepared and lands it when the secondary wrote it. With the per-track gate and
 * one FIFO port, per track the subtasks are prepared and written in creation order, so the k-th
 * landing on a track is the k-th subtask created on it (checked: it carries the version that
 * subtask read).
 * <ul>
 *   <li>{@code host-tasks}: each write's subtasks carry its bytes in each track;</li>
 *   <li>{@code both}: the initial copy pass first makes one whole-track subtask per track;</li>
 *   <li>{@code copy-passes}: writes only mark tracks, each pass subtask carries a whole track;
 *       the log does not show when a pass takes its tracks, so the landings are brute-forced,
 *       and what hosts wrote after folding only once drained (= every landing).</li>
 * </ul>
 */
class OrderedConservationTest {
    private static final long MS = 1_000_000;
    private static final long T = OrderedFixture.TRACK;
    private static final int TRACKS = 2_000;
    private static final long DOWN_NS = 200 * MS;
    private static final long UP_NS = 450 * MS;
    private static final long WRITES_END_NS = 800 * MS;

    @ParameterizedTest
    @CsvSource({"host-tasks, 1", "host-tasks, 2", "host-tasks, 3", "both, 1", "both, 2", "copy-passes, 1",
            "copy-passes, 2"})
    void bytesBalanceMidRunAgainstTheEventLog(String mode, long seed) {
        boolean passesOnly = mode.equals("copy-passes");
        OrderedFixture f = new OrderedFixture(new OrderedFixture.Setup().with(s -> {
            s.source = passesOnly ? Source.COPY_PASSES : Source.HOST_TASKS;
            s.seed = seed;
            s.prepareCv = 1.0;
            s.linkBps = 100e6;
            s.linkDelayNs = 2 * MS;
            s.volumeTracks = TRACKS;
            s.initialCopy = mode.equals("both");
        }));
        Log log = new Log(mode.equals("both"), passesOnly);
        f.engine.image().addLog(log);
        f.links.get(0).scheduleOutage(f.kernel, DOWN_NS, UP_NS);
        Random random = new Random(seed);
        long at = 0;
        while ((at += (long) (-Math.log(1 - random.nextDouble()) * 2 * MS)) < WRITES_END_NS) {
            long size = 4_096L * (1 + random.nextInt(40));
            int count = (int) ((size + T - 1) / T);
            long track = random.nextInt(TRACKS - 1);
            f.kernel.at(at, Tie.ARRIVAL, () -> f.host.issue(
                    f.host.newIo(f.primaryVolume, track, count, size, true, 0, -1), io -> { }));
        }
        long[] stops = {50 * MS, 150 * MS, 210 * MS, 300 * MS, 449 * MS, 460 * MS, 520 * MS, 700 * MS,
                800 * MS, 5_000 * MS};
        long peak = 0;
        for (long stop : stops) {
            f.run(stop);
            String when = mode + " seed " + seed + " at " + stop / MS + " ms";
            // §8.4 from the engine's counters: written by hosts after folding = written at the secondary + backlog
            assertThat(f.engine.replicatedBytes()).as(when)
                    .isEqualTo(f.engine.writtenBytes() + f.engine.backlogBytes());
            // against the brute force
            assertThat(f.engine.writtenBytes()).as(when).isEqualTo(log.landedBytes);
            assertThat(f.engine.written()).as(when).isEqualTo(log.landings);
            if (!passesOnly) {
                assertThat(f.engine.replicatedBytes()).as(when).isEqualTo(log.createdBytes);
                assertThat(f.engine.backlogBytes()).as(when).isEqualTo(log.createdBytes - log.landedBytes)
                        .isEqualTo(log.owedBytes());
            }
            peak = Math.max(peak, f.engine.backlogBytes());
        }
        // the outage built a backlog, which drained: what hosts wrote after folding is what landed
        assertThat(peak).isGreaterThan(10 * T);
        assertThat(f.engine.backlogBytes()).isZero();
        assertThat(f.engine.replicatedBytes()).isEqualTo(log.landedBytes);
        if (passesOnly) {
            assertThat(f.engine.passes()).isGreaterThan(1);
            // folding: fewer whole tracks landed than the writes' tracks
            assertThat(log.landings).isLessThan(log.writtenTracks);
        }
    }

    /** The image's events, and the brute force kept as they come. */
    private static final class Log implements RecoverableImage.Log {
        /** Per track: bytes of the subtasks created and not yet prepared, in creation order. */
        private final Map<Long, ArrayDeque<Long>> created = new HashMap<>();
        /** Per track: {bytes, version read} of the subtasks prepared and not yet landed, in order. */
        private final Map<Long, ArrayDeque<long[]>> prepared = new HashMap<>();
        private final boolean passesOnly;
        long createdBytes;
        long landedBytes;
        long landings;
        long writtenTracks;

        Log(boolean initialCopy, boolean passesOnly) {
            this.passesOnly = passesOnly;
            if (initialCopy) {
                // the initial copy pass made one whole-track subtask per track before any write
                for (long t = 0; t < TRACKS; t++) {
                    created.computeIfAbsent(t, k -> new ArrayDeque<>()).add(T);
                    createdBytes += T;
                }
            }
        }

        @Override
        public void write(int space, long firstTrack, int count, long bytes, TrackImage.Write w) {
            writtenTracks += count;
            if (passesOnly) {
                return;
            }
            for (int k = 0; k < count; k++) {
                // the write's bytes in track k (it starts at its first track's start)
                long b = Math.min(T, bytes - k * T);
                created.computeIfAbsent(firstTrack + k, t -> new ArrayDeque<>()).add(b);
                createdBytes += b;
            }
        }

        @Override
        public void acknowledged(TrackImage.Write w, long nowNs) {
        }

        @Override
        public void read(int space, long track, long version) {
            long bytes = passesOnly ? T : created.get(track).pollFirst();
            prepared.computeIfAbsent(track, t -> new ArrayDeque<>()).add(new long[] {bytes, version});
        }

        @Override
        public void landed(int space, long track, long version) {
            long[] s = prepared.get(track).pollFirst();
            assertThat(s[1]).as("track %d lands the version its oldest prepared subtask read", track).isEqualTo(version);
            landedBytes += s[0];
            landings++;
        }

        @Override
        public void landedKeepingNewest(int space, long track, long version) {
            throw new AssertionError("ordered lands each transfer on its own");
        }

        long owedBytes() {
            long n = 0;
            for (ArrayDeque<Long> q : created.values()) {
                for (long b : q) {
                    n += b;
                }
            }
            for (ArrayDeque<long[]> q : prepared.values()) {
                for (long[] s : q) {
                    n += s[0];
                }
            }
            return n;
        }
    }
}
