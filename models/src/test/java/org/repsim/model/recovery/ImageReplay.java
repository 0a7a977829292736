package org.repsim.model.recovery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.repsim.model.recovery.rules.TrackImage;

/**
 * The event log of a {@link RecoverableImage} and a brute-force replay of it (docs/model.md §7):
 * every write with its tracks and acknowledgement time; every transfer carries the writes its track
 * had received when it was read; a track holds those of the last transfer written there. A write
 * is in the restored image when every track of it holds it; the loss at a disaster is a scan over
 * all writes ever made. Dependent chains (docs/model.md §8.3): after every landing, a scan of every
 * chained write: one that is in the image now and was not after the previous landing, while an
 * earlier write of its chain is not, is a violation; writes beyond a hole are those in the image
 * with an earlier write of their chain absent, plus the multi-track writes in it on some tracks only.
 */
public final class ImageReplay implements RecoverableImage.Log {
    /** {space, first track, count, bytes, ack ns or −1}. */
    private final List<long[]> writes = new ArrayList<>();
    private final Map<TrackImage.Write, Integer> ids = new IdentityHashMap<>();
    /** Per track key: the writes to it, in order. */
    private final Map<String, List<Integer>> writesOf = new HashMap<>();
    /** Per track key and version read: the number of writes the transfer carries. */
    private final Map<String, Integer> carried = new HashMap<>();
    private final Map<String, Integer> image = new HashMap<>();
    /** Per write: its position in each of its tracks' lists. */
    private final List<int[]> positions = new ArrayList<>();
    /** Per stream: its chained writes' ids in chain order. */
    private final Map<Integer, List<Integer>> chains = new HashMap<>();
    private final java.util.Set<Integer> chainedInImage = new java.util.HashSet<>();
    private long regressions;
    private long chainViolations;
    private long settles;

    private static String key(int space, long track) {
        return space + ":" + track;
    }

    @Override
    public void write(int space, long firstTrack, int count, long bytes, TrackImage.Write w) {
        int id = writes.size();
        writes.add(new long[] {space, firstTrack, count, bytes, -1});
        ids.put(w, id);
        int[] pos = new int[count];
        for (int i = 0; i < count; i++) {
            List<Integer> list = writesOf.computeIfAbsent(key(space, firstTrack + i), k -> new ArrayList<>());
            pos[i] = list.size();
            list.add(id);
        }
        positions.add(pos);
    }

    @Override
    public void chained(TrackImage.Write w, int stream, long indexInChain) {
        chains.computeIfAbsent(stream, s -> new ArrayList<>()).add(ids.get(w));
    }

    @Override
    public void settled() {
        settles++;
        for (List<Integer> chain : chains.values()) {
            boolean holeBefore = false;
            for (int id : chain) {
                boolean in = tracksIn(id) == writes.get(id)[2];
                if (in && chainedInImage.add(id) && holeBefore) {
                    chainViolations++;
                } else if (!in) {
                    chainedInImage.remove(id);
                    holeBefore = true;
                }
            }
        }
    }

    /** Tracks of write {@code id} that hold it (or newer data). */
    private int tracksIn(int id) {
        long[] w = writes.get(id);
        int[] pos = positions.get(id);
        int n = 0;
        for (int i = 0; i < w[2]; i++) {
            if (pos[i] < image.getOrDefault(key((int) w[0], w[1] + i), 0)) {
                n++;
            }
        }
        return n;
    }

    /** Chained writes that entered the image (at a landing) while an earlier write of their chain was absent. */
    public long chainViolations() {
        return chainViolations;
    }

    /** Chained writes in the image behind an absent earlier one of their chain, plus writes in it on some tracks only. */
    public long beyondHole() {
        long n = 0;
        for (List<Integer> chain : chains.values()) {
            boolean hole = false;
            for (int id : chain) {
                boolean in = tracksIn(id) == writes.get(id)[2];
                if (!in) {
                    hole = true;
                } else if (hole) {
                    n++;
                }
            }
        }
        for (int id = 0; id < writes.size(); id++) {
            int in = tracksIn(id);
            if (in > 0 && in < writes.get(id)[2]) {
                n++;
            }
        }
        return n;
    }

    /** Chained writes logged. */
    public long chainedWrites() {
        long n = 0;
        for (List<Integer> chain : chains.values()) {
            n += chain.size();
        }
        return n;
    }

    /** Landings that ended (chain checks run). */
    public long settles() {
        return settles;
    }

    @Override
    public void acknowledged(TrackImage.Write w, long nowNs) {
        writes.get(ids.get(w))[4] = nowNs;
    }

    @Override
    public void read(int space, long track, long version) {
        String k = key(space, track);
        carried.put(k + "@" + version, writesOf.getOrDefault(k, List.of()).size());
    }

    @Override
    public void landed(int space, long track, long version) {
        String k = key(space, track);
        int n = carried.get(k + "@" + version);
        if (n < image.getOrDefault(k, 0)) {
            regressions++;
        }
        image.put(k, n);
    }

    @Override
    public void landedKeepingNewest(int space, long track, long version) {
        String k = key(space, track);
        image.put(k, Math.max(image.getOrDefault(k, 0), carried.get(k + "@" + version)));
    }

    /** Acknowledged (at or before {@code t}) writes not in the image: {count, bytes, oldest ack, newest ack}. */
    public long[] lossAt(long t) {
        long lost = 0;
        long bytes = 0;
        long oldest = -1;
        long newest = -1;
        for (int id = 0; id < writes.size(); id++) {
            long[] w = writes.get(id);
            if (w[4] < 0 || w[4] > t) {
                continue;
            }
            boolean in = tracksIn(id) == w[2];
            if (!in) {
                lost++;
                bytes += w[3];
                oldest = oldest < 0 ? w[4] : Math.min(oldest, w[4]);
                newest = Math.max(newest, w[4]);
            }
        }
        return new long[] {lost, bytes, oldest, newest};
    }

    /** Transfers that landed carrying fewer writes than their track already held. */
    public long regressions() {
        return regressions;
    }

    /** Writes logged. */
    public int writes() {
        return writes.size();
    }
}
