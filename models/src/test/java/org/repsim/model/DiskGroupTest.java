package org.repsim.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.repsim.core.kernel.SimulationKernel;
import org.repsim.core.kernel.dsol.DsolKernel;
import org.repsim.core.random.Distributions;
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

    @Test
    void raidWritePenaltyRunsBackToBackOperationsOnTheDevice() {
        DiskGroup g = new DiskGroup(kernel, signals, "dg", 1, DiskModel.ssd(1_000, 1e9), 4);
        Tally response = new Tally();
        signals.find("dg.response").subscribe((t, v) -> response.add(v));
        kernel.at(0, () -> {
            g.write(5, 1_000, log.on("write"));
            g.read(5, 1_000, log.on("read"));
        });
        kernel.runUntil(1_000_000);
        // write = 4 × (1000 + 1000) ns, then the read waits behind it
        assertThat(log.lines()).containsExactly("8000 write", "10000 read");
        assertThat(response.mean()).isEqualTo(9_000.0);
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
        assertThatThrownBy(() -> DiskModel.ssd(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DiskModel.hdd(Distributions.deterministic(1), 0, 1)).hasMessageContaining("rpm");
    }
}
