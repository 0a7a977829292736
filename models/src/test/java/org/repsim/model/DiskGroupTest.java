package org.repsim.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.repsim.core.kernel.SimulationKernel;
import org.repsim.core.kernel.dsol.DsolKernel;
import org.repsim.core.random.Distributions;
import org.repsim.core.signal.Recording;
import org.repsim.core.signal.Signals;
import org.repsim.core.stats.Tally;

class DiskGroupTest {
    private final SimulationKernel kernel = DsolKernel.create();
    private final Signals signals = new Signals();
    private final EventLog log = new EventLog(kernel);

    @Test
    void ssdServiceIsLatencyPlusTransferAndDevicesStripeByTrack() {
        // 100 µs + 128 KiB at 1 GB/s (131072 ns)
        DiskGroup g = new DiskGroup(kernel, signals, "dg", 2, DiskModel.ssd(100_000, 1e9), 1);
        kernel.at(0, () -> {
            g.read(0, 131_072, log.on("read t0"));
            g.read(1, 131_072, log.on("read t1"));
            g.read(2, 131_072, log.on("read t2"));
        });
        kernel.runUntil(10_000_000);
        assertThat(g.deviceOf(0)).isEqualTo(0);
        assertThat(g.deviceOf(1)).isEqualTo(1);
        assertThat(g.deviceOf(2)).isEqualTo(0);
        assertThat(log.lines()).containsExactly("231072 read t0", "231072 read t1", "462144 read t2");
    }

    /** 100 µs + 128 KiB at 1 GB/s: one device operation on an idle SSD. */
    private static final long S = 100_000 + 131_072;

    private DiskGroup group(int devices, RaidLevel raid) {
        return new DiskGroup(kernel, signals, "dg", devices, DiskModel.ssd(100_000, 1e9), raid);
    }

    private void logBusy(DiskGroup g, long at) {
        kernel.at(at, () -> log.add("busy=" + g.busy()));
    }

    @Test
    void raid5SmallWriteOnIdleSsdsTakesTwoServiceTimesNotFour() {
        DiskGroup g = group(4, RaidLevel.RAID5);
        kernel.at(0, () -> g.write(0, 131_072, log.on("write t0")));
        logBusy(g, S / 2);
        logBusy(g, S + S / 2);
        kernel.runUntil(10_000_000);
        // read data + parity in parallel (devices 0, 1), then write both in parallel: 2 × S
        assertThat(log.lines()).containsExactly(
                S / 2 + " busy=2", (S + S / 2) + " busy=2", 2 * S + " write t0");
    }

    @Test
    void raid5PhasesQueueOnTheDataAndParityDevicesOnly() {
        DiskGroup g = group(4, RaidLevel.RAID5);
        kernel.at(0, () -> {
            g.write(0, 131_072, log.on("write t0"));
            g.read(1, 131_072, log.on("read t1")); // parity device of track 0: behind the parity read
            g.read(2, 131_072, log.on("read t2")); // untouched device
        });
        kernel.runUntil(10_000_000);
        // device 1: parity read [0, S], read t1 [S, 2S], parity write [2S, 3S]; device 0 is done at 2S
        assertThat(log.lines()).containsExactly(S + " read t2", 2 * S + " read t1", 3 * S + " write t0");
    }

    @Test
    void raid1WriteIsTwoParallelWritesOnTheDeviceAndItsMirror() {
        DiskGroup g = group(4, RaidLevel.RAID1);
        kernel.at(0, () -> {
            g.write(3, 131_072, log.on("write t3")); // devices 3 and 0 (the mirror wraps round)
            g.read(0, 131_072, log.on("read t0"));
            g.read(1, 131_072, log.on("read t1"));
        });
        logBusy(g, S / 2);
        kernel.runUntil(10_000_000);
        assertThat(log.lines()).containsExactly(S / 2 + " busy=3", S + " write t3", S + " read t1", 2 * S + " read t0");
    }

    @Test
    void raid6SmallWriteIsThreeReadsThenThreeWrites() {
        DiskGroup g = group(5, RaidLevel.RAID6);
        Tally response = new Tally();
        signals.find("dg.response").subscribe((t, v) -> response.add(v));
        kernel.at(0, () -> {
            g.write(4, 131_072, log.on("write t4")); // devices 4, 0, 1
            g.read(2, 131_072, log.on("read t2"));
        });
        logBusy(g, S / 2);
        logBusy(g, S + S / 2);
        kernel.runUntil(10_000_000);
        assertThat(log.lines()).containsExactly(
                S / 2 + " busy=4", S + " read t2", (S + S / 2) + " busy=3", 2 * S + " write t4");
        // six device operations (plus the read), none of which waited
        assertThat(response.count()).isEqualTo(7);
        assertThat(response.mean()).isEqualTo((double) S);
    }

    @Test
    void noRaidWriteIsOneOperation() {
        DiskGroup g = group(2, RaidLevel.NONE);
        kernel.at(0, () -> {
            g.write(0, 131_072, log.on("write t0"));
            g.read(1, 131_072, log.on("read t1"));
        });
        logBusy(g, S / 2);
        kernel.runUntil(10_000_000);
        assertThat(log.lines()).containsExactly(S / 2 + " busy=2", S + " write t0", S + " read t1");
    }

    @Test
    void integerPenaltyNamesTheRaidLevel() {
        assertThat(new DiskGroup(kernel, signals, "a", 2, DiskModel.ssd(1, 1e9), 1).raid()).isEqualTo(RaidLevel.NONE);
        assertThat(new DiskGroup(kernel, signals, "b", 2, DiskModel.ssd(1, 1e9), 2).raid()).isEqualTo(RaidLevel.RAID1);
        assertThat(new DiskGroup(kernel, signals, "c", 3, DiskModel.ssd(1, 1e9), 4).raid()).isEqualTo(RaidLevel.RAID5);
        assertThat(new DiskGroup(kernel, signals, "d", 4, DiskModel.ssd(1, 1e9), 6).raid()).isEqualTo(RaidLevel.RAID6);
        assertThatThrownBy(() -> new DiskGroup(kernel, signals, "e", 4, DiskModel.ssd(1, 1e9), 3))
                .hasMessageContaining("names no RAID level");
    }

    @Test
    void aWriteAfterAWriteReusesNothingStillInFlight() {
        // two overlapping raid5 writes on disjoint devices, then one reusing the first's job
        DiskGroup g = group(4, RaidLevel.RAID5);
        kernel.at(0, () -> {
            g.write(0, 131_072, log.on("write t0"));
            g.write(2, 131_072, log.on("write t2"));
        });
        kernel.at(2 * S, () -> g.write(1, 131_072, log.on("write t1")));
        kernel.runUntil(10_000_000);
        assertThat(log.lines()).containsExactly(2 * S + " write t0", 2 * S + " write t2", 4 * S + " write t1");
    }

    @Test
    void hddAddsSeekAndHalfARotation() {
        // 15 000 rpm: half a rotation = 2 ms; 4 ms seek; 1 MB at 100 MB/s = 10 ms
        DiskGroup g = new DiskGroup(kernel, signals, "dg", 1,
                DiskModel.hdd(Distributions.deterministic(4_000_000), 15_000, 100e6), 1);
        kernel.at(0, () -> g.read(0, 1_000_000, log.on("read")));
        kernel.runUntil(1_000_000_000);
        assertThat(log.lines()).isEqualTo(List.of("16000000 read"));
    }

    @Test
    void aSampledModelIsAskedOncePerOperationOneOfBytesAloneOncePerPhase() {
        assertThat(DiskModel.ssd(1, 1e9).bytesAlone()).isTrue();
        assertThat(DiskModel.hdd(Distributions.deterministic(1), 15_000, 1e9).bytesAlone()).isFalse();
        for (boolean bytesAlone : new boolean[] {false, true}) {
            SimulationKernel k = DsolKernel.create();
            int[] calls = new int[1];
            DiskModel model = new DiskModel() {
                @Override
                public long serviceNs(long bytes) {
                    // a sampled model: each operation its own time (1, 2, 3, 4 µs)
                    return 1_000L * ++calls[0];
                }

                @Override
                public boolean bytesAlone() {
                    return bytesAlone;
                }
            };
            DiskGroup g = new DiskGroup(k, new Signals(), "dg", 4, model, RaidLevel.RAID5);
            g.recordThrough(new Recording());
            List<Long> done = new ArrayList<>();
            k.at(0, () -> g.write(0, 4_096, () -> done.add(k.now())));
            k.runUntil(1_000_000);
            // read phase then write phase, each ending with its slower operation
            assertThat(calls[0]).isEqualTo(bytesAlone ? 2 : 4);
            assertThat(done).containsExactly(bytesAlone ? 1_000L + 2_000L : 2_000L + 4_000L);
        }
    }

    @Test
    void groupLevelsCountAllDevices() {
        DiskGroup g = new DiskGroup(kernel, signals, "dg", 2, DiskModel.ssd(100, 1e9), 1);
        kernel.at(0, () -> {
            for (int t = 0; t < 5; t++) {
                g.read(t, 0, () -> { });
            }
            log.add("busy=" + g.busy() + " waiting=" + g.waiting());
        });
        kernel.at(150, () -> log.add("busy=" + g.busy() + " waiting=" + g.waiting()));
        kernel.runUntil(1_000);
        assertThat(log.lines()).containsExactly("0 busy=2 waiting=3", "150 busy=2 waiting=1");
        assertThat(g.busy()).isZero();
    }

    @Test
    void rejectsBadParameters() {
        assertThatThrownBy(() -> new DiskGroup(kernel, signals, "dg", 0, DiskModel.ssd(1, 1), 1))
                .hasMessageContaining("devices");
        assertThatThrownBy(() -> new DiskGroup(kernel, signals, "dg", 1, DiskModel.ssd(1, 1), 0))
                .hasMessageContaining("penalty");
        assertThatThrownBy(() -> new DiskGroup(kernel, signals, "dg", 2, DiskModel.ssd(1, 1), RaidLevel.RAID5))
                .hasMessageContaining("raid5 needs at least 3 devices");
        assertThatThrownBy(() -> new DiskGroup(kernel, signals, "dg", 3, DiskModel.ssd(1, 1), RaidLevel.RAID6))
                .hasMessageContaining("raid6 needs at least 4 devices");
        assertThatThrownBy(() -> new DiskGroup(kernel, signals, "dg", 1, DiskModel.ssd(1, 1), RaidLevel.RAID1))
                .hasMessageContaining("raid1 needs at least 2 devices");
        assertThatThrownBy(() -> DiskModel.ssd(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DiskModel.hdd(Distributions.deterministic(1), 0, 1)).hasMessageContaining("rpm");
    }
}
