package org.repsim.model.cycle;

import java.util.ArrayList;
import java.util.List;
import org.repsim.core.kernel.Scheduler;
import org.repsim.core.result.Interval;
import org.repsim.model.cycle.rules.CycleSwitcher;
import org.repsim.model.cycle.rules.SessionState;

/**
 * Drop and resynchronisation of one cycle session (docs/model.md §5): once the secondary applied
 * the cycles it had committed and a link is up, the owed tracks are copied (one track each, the
 * primary's current value), repeatedly until none is owed, and a fresh first cycle opens —
 * automatically ({@code autoResync}) or when asked. Each drop is a {@code session-drop} interval
 * from the drop to the fresh cycle.
 */
final class Resynchroniser {

    private static final long[] NO_TRACKS = new long[0];

    private final CycleSession session;
    private final Scheduler scheduler;
    private final CycleConfig config;
    private final CycleSwitcher switcher;

    private long[] copyTracks = NO_TRACKS;
    private int copyNext;
    private int copiesOutstanding;
    private boolean requested;
    private long copiedTracks;
    private final List<DropSpan> drops = new ArrayList<>();

    /** One drop: from {@code startNs} to the fresh cycle ({@code endNs}, −1 while unfinished). */
    private static final class DropSpan {
        final long startNs;
        long endNs = -1;

        DropSpan(long startNs) {
            this.startNs = startNs;
        }
    }

    Resynchroniser(CycleSession session, Scheduler scheduler, CycleConfig config, CycleSwitcher switcher) {
        this.session = session;
        this.scheduler = scheduler;
        this.config = config;
        this.switcher = switcher;
    }

    void onDropped(long now) {
        drops.add(new DropSpan(now));
    }

    /** Starts resynchronisation now when {@code autoResync} is off. */
    void request() {
        requested = true;
        tryResync();
    }

    void tryResync() {
        if (switcher.state() == SessionState.ACTIVE || !config.autoResync() && !requested || session.allLinksDown()) {
            return;
        }
        if (!session.apply.drained() || copyNext < copyTracks.length || copiesOutstanding > 0) {
            return;
        }
        long now = scheduler.now();
        long[] tracks = switcher.takeOwedTracks(now);
        if (tracks.length == 0) {
            requested = false;
            drops.get(drops.size() - 1).endNs = now;
            session.onResynchronised();
            return;
        }
        copyTracks = tracks;
        copyNext = 0;
        session.transmitter.pump();
    }

    boolean hasCopyToSend() {
        return copyNext < copyTracks.length;
    }

    long takeCopy() {
        return copyTracks[copyNext++];
    }

    void onCopySent() {
        copiesOutstanding++;
    }

    void onCopyArrived(long track) {
        copiesOutstanding--;
        copiedTracks++;
        session.apply.onTrackCopied(track, session.intake.copyVersion(track), session.trackSize());
        if (copyNext == copyTracks.length && copiesOutstanding == 0) {
            tryResync();
        }
    }

    long copiedTracks() {
        return copiedTracks;
    }

    List<Interval> dropIntervals(long endNs) {
        List<Interval> out = new ArrayList<>(drops.size());
        for (DropSpan s : drops) {
            long end = s.endNs < 0 ? endNs : s.endNs;
            out.add(new Interval("session-drop", config.name(), s.startNs / 1e9, end / 1e9));
        }
        return out;
    }
}
