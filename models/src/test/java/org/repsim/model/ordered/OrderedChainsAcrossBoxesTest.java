package org.repsim.model.ordered;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.repsim.core.kernel.SimulationKernel;
import org.repsim.core.kernel.Tie;
import org.repsim.core.kernel.dsol.DsolKernel;
import org.repsim.core.random.Distributions;
import org.repsim.core.signal.Signals;
import org.repsim.model.Box;
import org.repsim.model.DiskGroup;
import org.repsim.model.DiskModel;
import org.repsim.model.HostIo;
import org.repsim.model.LinkConfig;
import org.repsim.model.Site;
import org.repsim.model.Volume;
import org.repsim.model.WanLink;
import org.repsim.model.consistency.rules.DataLoss;
import org.repsim.model.ordered.OrderedConfig.Source;
import org.repsim.model.ordered.OrderedConfig.Spread;
import org.repsim.model.ordered.rules.OrderedDispatcher.Ordering;
import org.repsim.model.ordered.rules.OrderedDispatcher.Scan;
import org.repsim.model.recovery.ImageReplay;
import org.repsim.model.recovery.RecoverableImage;
import org.repsim.model.workload.Host;

/**
 * docs/model.md §4, §7, §8.3: a dependent chain across three ordered primary boxes (write k on box
 * k mod 3, track k, issued 1 ms after write k − 1 was acknowledged; deterministic service times, so
 * each write lands about 40 µs after it was issued, long before the next one). With no fault every
 * write lands in chain order: nothing found, though every landing was checked. When box 0's
 * {@code prepare} pool slows down 10^5-fold at 100 ms, its writes from then on stay unprepared while
 * boxes 1 and 2 keep landing theirs: each of those after the first stuck write entered behind a hole
 * (hand count from the driver's log), which a brute-force replay of the image's event log confirms.
 */
class OrderedChainsAcrossBoxesTest {
    private static final long US = 1_000;
    private static final long MS = 1_000 * US;
    private static final long TRACK = 128 * 1024;

    private final SimulationKernel kernel = DsolKernel.create();
    private final Signals signals = new Signals();
    private final RecoverableImage image = new RecoverableImage(kernel);
    private final ImageReplay replay = new ImageReplay();
    private final Box[] primaries = new Box[3];
    private final Volume[] volumes = new Volume[3];
    private final Host host;
    private final List<long[]> issued = new ArrayList<>(); // {index, box, issue ns}

    OrderedChainsAcrossBoxesTest() {
        Site p = new Site("p");
        Site s = new Site("s");
        WanLink link = new WanLink(kernel, signals, "link.wan", p, s, LinkConfig.of(1e11, 10 * US));
        image.addLog(replay);
        OrderedConfig config = new OrderedConfig(Source.HOST_TASKS, Scan.HEAD, Ordering.ON, "prepare", "sender", 0, 64,
                Spread.PER_TASK, 512, 128, 0, 0);
        for (int b = 0; b < 3; b++) {
            primaries[b] = box("P" + b, p);
            primaries[b].addProcessor("prepare", 8, Distributions.deterministic(20 * US));
            primaries[b].addProcessor("sender", 1, Distributions.deterministic(1 * US));
            Box secondary = box("S" + b, s);
            volumes[b] = primaries[b].addVolume("v", 10_000, 0);
            Volume sv = secondary.addVolume("v", 10_000, 0);
            OrderedReplication engine = new OrderedReplication(primaries[b], signals, config, image);
            engine.addPair(volumes[b], sv, link);
        }
        host = new Host(kernel, signals);
    }

    private Box box(String name, Site site) {
        DiskGroup disks = new DiskGroup(kernel, signals, "box." + name + ".dg0", 64, DiskModel.ssd(1_000, 1e12), 1);
        return new Box(kernel, signals, name, site, new Box.PoolConfig(4, Distributions.deterministic(2 * US)),
                new Box.PoolConfig(1, Distributions.deterministic(500), 0),
                new Box.CacheConfig(4L << 30, TRACK, 0.5, 256), List.of(disks));
    }

    /** Issues the chain's writes 0 … count − 1; after write {@code checkAfter}, runs {@code check} 500 µs later. */
    private void chain(int count, int checkAfter, Runnable check) {
        int stream = host.newStream();
        Runnable[] next = new Runnable[1];
        int[] k = {0};
        next[0] = () -> {
            int i = k[0]++;
            issued.add(new long[] {i, i % 3, kernel.now()});
            HostIo io = host.newIo(volumes[i % 3], i, 1, 4096, true, stream, i);
            host.issue(io, done -> {
                if (k[0] < count) {
                    kernel.after(1 * MS, Tie.ARRIVAL, next[0]);
                }
            });
            if (i == checkAfter) {
                kernel.after(500 * US, Tie.CONTROL, check);
            }
        };
        kernel.at(0, Tie.ARRIVAL, next[0]);
    }

    @Test
    void withoutAFaultTheChainLandsInOrderAndEveryLandingIsChecked() {
        chain(300, 299, () -> { });
        kernel.runUntil(1_000 * MS);
        assertThat(issued).hasSize(300);
        assertThat(image.rules().chains().registered()).isEqualTo(300);
        assertThat(replay.chainedWrites()).isEqualTo(300);
        assertThat(replay.settles()).isGreaterThanOrEqualTo(300);
        assertThat(image.violations()).isZero();
        assertThat(replay.chainViolations()).isZero();
        assertThat(image.lossAt(kernel.now()).writesBeyondHole()).isZero();
    }

    @Test
    void aStuckBoxLeavesTheOthersLaterChainWritesBehindAHole() {
        long slowAt = 100 * MS;
        kernel.at(slowAt, Tie.CONTROL, () -> primaries[0].processor("prepare").setSlowdown(1e5));
        kernel.at(slowAt + 200 * MS, Tie.CONTROL, () -> primaries[0].processor("prepare").setSlowdown(1));
        DataLoss[] atCheck = new DataLoss[1];
        long[] violationsAtCheck = new long[1];
        chain(400, 180, () -> {
            atCheck[0] = image.lossAt(kernel.now());
            violationsAtCheck[0] = image.violations();
            // the brute-force replay agrees
            assertThat(replay.chainViolations()).isEqualTo(image.rules().chains().violations());
            assertThat(replay.beyondHole()).isEqualTo(atCheck[0].writesBeyondHole());
            long[] lost = replay.lossAt(kernel.now());
            assertThat(new long[] {atCheck[0].lostWrites(), atCheck[0].oldestLostAckNs()})
                    .containsExactly(lost[0], lost[2]);
        });
        kernel.runUntil(5_000 * MS);

        // hand count from the driver's log: box 0's writes issued from 100 ms on are stuck
        long firstStuck = -1;
        long stuck = 0;
        long behind = 0;
        for (long[] w : issued) {
            if (w[0] > 180) {
                break;
            }
            // no write is issued within 100 µs before the slowdown (so none is half prepared)
            assertThat(w[2] >= slowAt - 100 * US && w[2] < slowAt).isFalse();
            if (w[1] == 0 && w[2] >= slowAt) {
                stuck++;
                if (firstStuck < 0) {
                    firstStuck = w[0];
                }
            } else if (firstStuck >= 0) {
                behind++;
            }
        }
        assertThat(firstStuck).isPositive();
        assertThat(stuck).isGreaterThan(10);
        assertThat(atCheck[0].lostWrites()).isEqualTo(stuck);
        assertThat(atCheck[0].writesBeyondHole()).isEqualTo(behind);
        assertThat(violationsAtCheck[0]).isEqualTo(behind);
        // the stuck preparations end (2 s each, 8 at a time): every write landed, no hole left; the
        // violations found stay, and the replay agrees on every landing since
        assertThat(image.lossAt(kernel.now()).lostWrites()).isZero();
        assertThat(image.lossAt(kernel.now()).writesBeyondHole()).isZero();
        assertThat(replay.beyondHole()).isZero();
        assertThat(image.rules().chains().violations()).isEqualTo(replay.chainViolations())
                .isGreaterThanOrEqualTo(behind);
        assertThat(image.rules().chains().registered()).isEqualTo(400);
    }
}
