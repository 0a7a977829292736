package org.repsim.model.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.repsim.model.cycle.CycleFixture.S;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.repsim.core.signal.Signal;
import org.repsim.model.cycle.rules.CycleRecord;
import org.repsim.model.cycle.rules.SwitchRules;

/**
 * docs/model.md §5 "Apply": a committed cycle of N slots is applied by {@code min(c, N)} lanes of the
 * apply pool's c servers, each lane serving its share of the slots in jobs of at most
 * {@link ApplyStage#MAX_BATCH} slots. With the pool to itself and a cache that admits at once, the
 * apply lasts exactly {@code ceil(N / c)} slot service times (what one job per slot took), and the
 * pool runs {@code sum over lanes of ceil(lane / MAX_BATCH)} jobs — one per slot when N ≤ c.
 */
class ApplyBatchTest {

    /** The fixture's apply pool: 2 servers of 30 µs per slot. */
    private static final int SERVERS = 2;
    private static final long PER_SLOT_NS = 30_000;

    @ParameterizedTest
    @ValueSource(doubles = {1.5, 2_000})
    void everyApplyLastsCeilNOverCSlotTimesInBatchedJobs(double writesPerSecond) {
        CycleFixture.Knobs k = new CycleFixture.Knobs();
        k.rules = SwitchRules.legacy(S);
        k.applyTiming = ApplyTiming.WHEN_COMPLETE;
        k.applyPool = "apply";
        k.writesPerSecond = writesPerSecond;
        CycleFixture f = new CycleFixture(k);
        TreeMap<Long, Long> committed = new TreeMap<>();
        TreeMap<Long, Long> applied = new TreeMap<>();
        f.session.addCommittedListener((n, t) -> committed.put(n, t));
        f.session.addAppliedListener((n, t) -> applied.put(n, t));
        List<Long> jobEnds = new ArrayList<>();
        Signal response = f.signals.find("box.S.apply.response");
        assertThat(response).isNotNull();
        response.subscribe((now, value) -> jobEnds.add(now));
        f.writes(0, 6 * S);
        f.runUntil(9 * S);
        assertThat(f.session.conservation().holds()).isTrue();

        int checked = 0;
        for (CycleRecord r : f.records(f.session)) {
            Long start = committed.get(r.number());
            Long end = applied.get(r.number());
            if (start == null || end == null) {
                continue;
            }
            int n = r.slots();
            assertThat(n).isPositive();
            long expectedNs = ((n + SERVERS - 1) / SERVERS) * PER_SLOT_NS;
            assertThat(end - start).as("apply of cycle %d (%d slots)", r.number(), n).isEqualTo(expectedNs);
            long jobs = jobEnds.stream().filter(t -> t > start && t <= end).count();
            int lanes = Math.min(SERVERS, n);
            long expectedJobs = 0;
            for (int l = 0; l < lanes; l++) {
                int share = n / lanes + (l < n % lanes ? 1 : 0);
                expectedJobs += (share + ApplyStage.MAX_BATCH - 1) / ApplyStage.MAX_BATCH;
            }
            assertThat(jobs).as("pool jobs of cycle %d (%d slots)", r.number(), n).isEqualTo(expectedJobs);
            if (n <= SERVERS) {
                assertThat(jobs).as("one job per slot when N <= c").isEqualTo(n);
            } else {
                assertThat(jobs).isLessThan(n);
            }
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(4);
    }
}
