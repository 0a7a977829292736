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
 * all writes ever made.
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
    private long regressions;

    private static String key(int space, long track) {
        return space + ":" + track;
    }

    @Override
    public void write(int space, long firstTrack, int count, long bytes, TrackImage.Write w) {
        int id = writes.size();
        writes.add(new long[] {space, firstTrack, count, bytes, -1});
        ids.put(w, id);
        for (int i = 0; i < count; i++) {
            writesOf.computeIfAbsent(key(space, firstTrack + i), k -> new ArrayList<>()).add(id);
        }
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
            boolean in = true;
            for (int i = 0; i < w[2] && in; i++) {
                String k = key((int) w[0], w[1] + i);
                in = writesOf.get(k).indexOf(id) < image.getOrDefault(k, 0);
            }
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
