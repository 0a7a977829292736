package org.repsim.scenario.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.repsim.core.result.RunResult;
import org.repsim.core.result.Table;
import org.repsim.core.result.TableStores;

/**
 * {@link FakeModel}'s results, with the {@code cycles} table opened through the stores the runner
 * passes and filled as a model does it: rows of a warm-up first, cleared at the reset, then the
 * real rows. Also opens a scratch table it does not return. Its files must equal FakeModel's.
 */
final class SpoolingModel implements ReplicationModel {
    /** Warm-up rows added (and then cleared) before the real ones: enough to be flushed to disk. */
    static final int WARMUP_ROWS = 5_000;

    final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    /** Only ever run by the runner, which passes its stores. */
    @Override
    public RunResult run(PlanPoint point, int replication, long masterSeed, ProgressSink progress) {
        throw new IllegalStateException("SpoolingModel runs only with the runner's table stores");
    }

    @Override
    public RunResult run(PlanPoint point, int replication, long masterSeed, ProgressSink progress,
            TableStores tables) {
        calls.computeIfAbsent(point.id() + "/" + replication, k -> new AtomicInteger()).incrementAndGet();
        RunResult fake = FakeModel.result(point, replication, masterSeed, progress);
        Table source = fake.tables().get("cycles");
        Table cycles = Table.open(tables, source.name(), source.columns(), source.units());
        Table scratch = Table.open(tables, "scratch", List.of("x"), List.of(""));
        for (int i = 0; i < WARMUP_ROWS; i++) {
            cycles.add(-i, Double.NaN, 1e300 * i);
            scratch.add(i);
        }
        cycles.clear();
        source.forEachRow(cycles::add);
        List<Table> returned = new ArrayList<>(List.of(cycles));
        return new RunResult(fake.replication(), fake.seed(), fake.metrics().values(), fake.series(), returned,
                fake.intervals());
    }

    int totalCalls() {
        return calls.values().stream().mapToInt(AtomicInteger::get).sum();
    }
}
