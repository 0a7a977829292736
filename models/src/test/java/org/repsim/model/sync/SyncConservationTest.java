package org.repsim.model.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.repsim.core.kernel.Tie;
import org.repsim.model.recovery.RecoverableImage;
import org.repsim.model.recovery.rules.TrackImage;

/**
 * docs/model.md §8.4 for the sync engine, at arbitrary instants of a run: bytes hosts wrote (after
 * folding) = bytes written at the secondary + bytes in flight + owed tracks × track size, from the
 * engine's own counters, each checked against a brute-force count from the driver's event log.
 *
 * <p>Random writes (Poisson, a hot set of tracks, 4 KiB to 160 KiB from a track start) go through a
 * link outage long enough to suspend the pair; the run is stopped before, during and after the
 * outage, during the resynchronisation and after it drained. The log is the recoverable image's
 * event log: a write replicated in sync reads its tracks at once (its transfer leaves); a write
 * arriving while the pair is not in sync is acknowledged at once and owes its tracks; a write
 * waiting when the pair suspends is acknowledged at the suspension and owes its tracks too; a read
 * with no write before it is a resynchronisation copy, which takes its track off the owed set.
 */
class SyncConservationTest {
    private static final long MS = 1_000_000;
    private static final long T = SyncFixture.TRACK;
    private static final long DOWN_NS = 300 * MS;
    private static final long UP_NS = 800 * MS;
    private static final long WRITES_END_NS = 1_500 * MS;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void bytesBalanceMidRunAgainstTheEventLog(long seed) {
        SyncFixture f = new SyncFixture(100, 1, SyncPolicy.suspendAfter(50 * MS));
        Log log = new Log();
        f.sync.image().addLog(log);
        f.link.scheduleOutage(f.kernel, DOWN_NS, UP_NS);
        Random random = new Random(seed);
        long at = 0;
        while ((at += (long) (-Math.log(1 - random.nextDouble()) * 2 * MS)) < WRITES_END_NS) {
            long size = 4_096L * (1 + random.nextInt(40));
            int count = (int) ((size + T - 1) / T);
            long track = random.nextInt(600);
            f.kernel.at(at, Tie.ARRIVAL, () -> f.host.issue(
                    f.host.newIo(f.primaryVolume, track, count, size, true, 0, -1), io -> { }));
        }
        long[] stops = {200 * MS, 340 * MS, 360 * MS, 500 * MS, 790 * MS, 805 * MS, 830 * MS, 900 * MS,
                1_200 * MS, 1_500 * MS, 3_000 * MS};
        boolean resynchronising = false;
        for (long stop : stops) {
            f.kernel.runUntil(stop);
            Figures b = log.replay(f.sync.suspendedSpans());
            String when = "seed " + seed + " at " + stop / MS + " ms: " + b;
            // the engine's counters against the brute force
            assertThat(f.sync.replicatedBytes()).as(when).isEqualTo(b.syncPayload + T * b.owedMarks);
            assertThat(f.sync.owedTracks()).as(when).isEqualTo(b.owedNow);
            assertThat(f.sync.secondaryWrittenBytes() + f.sync.inFlightBytes()).as(when)
                    .isEqualTo(b.syncPayload + T * b.copies);
            assertThat(f.sync.secondaryWrittenBytes()).as(when).isBetween(0L, b.syncPayload + T * b.copies);
            // §8.4: written by hosts after folding = applied + in flight + owed
            assertThat(f.sync.replicatedBytes()).as(when).isEqualTo(f.sync.secondaryWrittenBytes()
                    + f.sync.inFlightBytes() + T * f.sync.owedTracks());
            resynchronising |= f.sync.owedTracks() > 0 && stop > UP_NS;
        }
        // the outage suspended the pair, the resynchronisation copied tracks, and everything drained
        assertThat(f.sync.suspensions()).isPositive();
        Figures end = log.replay(f.sync.suspendedSpans());
        assertThat(end.copies).isPositive();
        assertThat(end.owedNow).isZero();
        assertThat(end.owedMarks).isEqualTo(end.copies);
        assertThat(f.sync.inSync()).isTrue();
        assertThat(f.sync.inFlightBytes()).isZero();
        assertThat(f.sync.secondaryWrittenBytes()).isEqualTo(end.syncPayload + T * end.copies);
        assertThat(resynchronising).as("a stop fell during the resynchronisation").isTrue();
    }

    /** Brute-force figures of the log up to now. */
    record Figures(long syncPayload, long owedMarks, long owedNow, long copies) { }

    /** The image's events, in order. */
    private static final class Log implements RecoverableImage.Log {
        /** {kind, time, track or write id, bytes}: kind 0 write, 1 read, 2 acknowledged. */
        private final List<long[]> events = new ArrayList<>();
        private final List<long[]> writes = new ArrayList<>();
        private final Map<TrackImage.Write, Integer> ids = new IdentityHashMap<>();
        private long now;

        @Override
        public void write(int space, long firstTrack, int count, long bytes, TrackImage.Write w) {
            ids.put(w, writes.size());
            events.add(new long[] {0, now, writes.size()});
            writes.add(new long[] {firstTrack, count, bytes});
        }

        @Override
        public void acknowledged(TrackImage.Write w, long nowNs) {
            now = nowNs;
            events.add(new long[] {2, nowNs, ids.get(w)});
        }

        @Override
        public void read(int space, long track, long version) {
            events.add(new long[] {1, now, track});
        }

        @Override
        public void landed(int space, long track, long version) {
        }

        @Override
        public void landedKeepingNewest(int space, long track, long version) {
        }

        /** Replays the events; {@code spans} gives the instants the pair suspended. */
        Figures replay(List<long[]> spans) {
            Set<Long> suspendedAt = new HashSet<>();
            for (long[] s : spans) {
                suspendedAt.add(s[0]);
            }
            Set<Long> owed = new HashSet<>();
            Map<Integer, Boolean> sent = new HashMap<>();
            long payload = 0;
            long marks = 0;
            long copies = 0;
            for (int i = 0; i < events.size(); i++) {
                long[] e = events.get(i);
                if (e[0] == 0) {
                    int id = (int) e[2];
                    long[] w = writes.get(id);
                    // in sync: its transfer reads each of its tracks at once
                    boolean inSync = i + (int) w[1] < events.size();
                    for (int k = 0; inSync && k < w[1]; k++) {
                        long[] r = events.get(i + 1 + k);
                        inSync = r[0] == 1 && r[2] == w[0] + k;
                    }
                    sent.put(id, inSync);
                    if (inSync) {
                        payload += w[2];
                        i += (int) w[1];
                    } else {
                        marks += owe(owed, w);
                    }
                } else if (e[0] == 1) {
                    // a read after no write: a resynchronisation copy takes its track
                    assertThat(owed.remove(e[2])).as("copy of track %d, which is owed", e[2]).isTrue();
                    copies++;
                } else if (sent.get((int) e[2]) && suspendedAt.contains(e[1])) {
                    // a write in flight acknowledged by the suspension owes its tracks
                    marks += owe(owed, writes.get((int) e[2]));
                }
            }
            return new Figures(payload, marks, owed.size(), copies);
        }

        private static long owe(Set<Long> owed, long[] w) {
            long added = 0;
            for (int k = 0; k < w[1]; k++) {
                if (owed.add(w[0] + k)) {
                    added++;
                }
            }
            return added;
        }
    }
}
