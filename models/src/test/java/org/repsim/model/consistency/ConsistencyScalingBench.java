package org.repsim.model.consistency;

import static org.repsim.model.consistency.GroupFixture.MS;
import static org.repsim.model.consistency.GroupFixture.S;
import static org.repsim.model.consistency.GroupFixture.US;

import java.util.Locale;
import org.repsim.model.consistency.rules.AckRule;

/**
 * Benchmark program (not a test): host-coordinated switch vs shuttle for 2, 4, 8 and 16 boxes.
 * The same offered load per box whatever the mode: Poisson writes, 8 000/s per box, plus 4
 * dependent closed-loop streams per box (think time exponential, mean 1 ms); writes of 4 KiB to a
 * random box, uniform over 100 000 tracks; each box has its own 1 Gb/s link (1 ms delay). Host mode:
 * minCycleTime 100 ms, poll every 5 ms; shuttle: hop latency exponential mean 500 µs, visit
 * processing mean 50 µs, {@code ack: after-round}, minNumberTime 0 and 100 ms; message latency
 * exponential mean 500 µs. Runs 2.5 s of simulated time, recording after a 0.5 s warm-up.
 *
 * <p>Run: {@code mvn -o -q -B -pl models -am install -DskipTests && mvn -o -q -B -pl models test-compile &&
 * mvn -o -q -B dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -pl models &&
 * java -cp models/target/test-classes:models/target/classes:$(cat /tmp/cp.txt) org.repsim.model.consistency.ConsistencyScalingBench}
 */
public final class ConsistencyScalingBench {
    private ConsistencyScalingBench() {
    }

    public static void main(String[] args) {
        System.out.println("| boxes | mode | write lat mean (ms) | write lat p99 (ms) | cycle duration mean (ms) "
                + "| bytes per cycle (MB) | peak RP lag (ms) | mean RP lag (ms) | shuttle round (ms) | writes/s |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (int boxes : new int[] {2, 4, 8, 16}) {
            row(boxes, ConsistencyMode.HOST, 0, "host");
            row(boxes, ConsistencyMode.SHUTTLE, 0, "shuttle (minNumberTime 0)");
            row(boxes, ConsistencyMode.SHUTTLE, 100 * MS, "shuttle (minNumberTime 100 ms)");
        }
    }

    private static void row(int boxes, ConsistencyMode mode, long minNumberTimeNs, String label) {
        GroupFixture.Knobs k = new GroupFixture.Knobs();
        k.boxes = boxes;
        k.mode = mode;
        k.ack = AckRule.AFTER_ROUND;
        k.minCycleTimeNs = 100 * MS;
        k.pollIntervalNs = 5 * MS;
        k.minNumberTimeNs = minNumberTimeNs;
        k.messageLatencyMeanNs = 500 * US;
        k.hopLatencyMeanNs = 500 * US;
        k.visitProcessingMeanNs = 50 * US;
        k.sharedLink = false;
        k.linkBps = 125e6;
        k.streams = 4 * boxes;
        k.thinkNs = MS;
        k.volumeTracks = 100_000;
        k.seed = 1;
        GroupFixture f = new GroupFixture(k);
        long warmup = 500 * MS;
        long end = 2_500 * MS;
        f.dependentWrites(0, end);
        f.openLoopWrites(8_000, 0, end);
        f.kernel.at(warmup, org.repsim.core.kernel.Tie.CONTROL, () -> f.recording.reset(f.kernel.now()));
        f.runUntil(end);
        double writesPerS = f.metric("host.writes") / ((end - warmup) / (double) S);
        System.out.println(String.format(Locale.ROOT,
                "| %d | %s | %.3f | %.3f | %.1f | %.2f | %.1f | %.1f | %s | %.0f |",
                boxes, label,
                f.metric("host.write.latency.mean") * 1e3, f.metric("host.write.latency.p99") * 1e3,
                f.metric("group.cycle.duration.mean") * 1e3, f.metric("group.cycle.bytes.mean") / 1e6,
                f.metric("rpo.lag.max") * 1e3, f.metric("rpo.lag.mean") * 1e3,
                mode == ConsistencyMode.SHUTTLE ? String.format(Locale.ROOT, "%.2f", f.metric("shuttle.round.mean") * 1e3) : "-",
                writesPerS));
    }
}
