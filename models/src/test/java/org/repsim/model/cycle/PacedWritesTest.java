package org.repsim.model.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.repsim.model.cycle.CycleFixture.MS;
import static org.repsim.model.cycle.CycleFixture.S;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.repsim.model.cycle.rules.PressurePolicy;
import org.repsim.model.cycle.rules.SwitchRules;

/**
 * {@code session.paced.writes} counts the host writes that cache-pressure pacing delayed
 * (docs/model.md §5, cache pressure): a write that waits for cache space itself, and a write that waits behind
 * one that does, since writes enter their cycle in arrival order. Checked against the writes'
 * own latencies: with deterministic arrivals and service nothing else delays a write, so the
 * writes slower than the fastest are exactly the paced ones — and, with a spill pool, those that
 * waited for their spill write instead. Before the count included the writes queued behind a
 * paced one, a session whose space freed in large steps (folded rewrites, a spill) reported a
 * fraction of them: the cycle-sweep example at 800 Mbit/s and 30 s cycles said 1 paced write while
 * writes stood still for 14 s.
 */
class PacedWritesTest {

    @Test
    void everyWriteThatWaitedForCacheSpaceIsCountedOnceHoweverTheSpaceFrees() {
        for (long cycleMs : new long[] {100, 1_000}) {
            for (double zipf : new double[] {0, 1.1}) {
              for (boolean spill : new boolean[] {false, true}) {
                double linkBps = 8e6;
                CycleFixture.Knobs k = new CycleFixture.Knobs();
                k.zipfExponent = zipf;
                k.volumeTracks = 20_000;
                // short cycles free space a slot at a time as the link sends; long ones in large chunks
                k.rules = SwitchRules.legacy(cycleMs * MS);
                k.linkBps = linkBps;
                k.cacheBytes = 256L << 20;
                k.limitBytes = 24L << 20;
                k.policies = spill ? List.of(PressurePolicy.SPILL, PressurePolicy.PACE) : List.of(PressurePolicy.PACE);
                k.spillPoolBytes = spill ? 8L << 20 : 0;
                CycleFixture f = new CycleFixture(k);
                List<Long> latencies = new ArrayList<>();
                f.signals.find("host.write.latency").subscribe((t, v) -> latencies.add((long) v));
                f.writes(0, 3 * S);
                f.runUntil(60 * S);
                long fastest = latencies.stream().mapToLong(Long::longValue).min().orElseThrow();
                long delayed = latencies.stream().filter(l -> l > fastest).count();
                String variant = "cycle " + cycleMs + " ms, zipf " + zipf + ", spill " + spill;
                assertThat(latencies).as(variant + ": every write acknowledged").hasSizeBetween(5_999, 6_000);
                assertThat(delayed).as(variant + ": some writes were delayed").isPositive();
                long paced = f.session.pacedWrites();
                if (!spill) {
                    assertThat(paced).as(variant + ": paced writes = writes slower than the fastest").isEqualTo(delayed);
                } else {
                    // a write that made room by spilling waits for its spill write, not for space: slower, not paced
                    assertThat(f.session.spillWrites()).as(variant + ": spilled").isPositive();
                    assertThat(paced).as(variant + ": paced writes among the slower ones").isLessThanOrEqualTo(delayed)
                            .isGreaterThanOrEqualTo(delayed - f.session.spillWrites());
                }
              }
            }
        }
    }
}
