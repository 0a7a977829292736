package org.repsim.scenario.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.repsim.core.result.MemoryRowStore;
import org.repsim.core.result.RowStore;
import org.repsim.core.result.RunResult;
import org.repsim.core.result.Table;
import org.repsim.core.result.TableStores;
import org.repsim.scenario.run.PlanPoint;
import org.repsim.scenario.spec.Scenario;

/**
 * A replication's record tables go to the stores the runner gives it, row by row while the run
 * proceeds (so that a run that writes files spools them instead of holding them): here a
 * shuttle group of eight boxes, whose cycles table is the one that grows fastest.
 */
class ScenarioModelTablesTest {

    /** A store that remembers how many rows it had at each moment someone asked. */
    private static final class WatchedStore implements RowStore {
        final MemoryRowStore rows;

        WatchedStore(int width) {
            rows = new MemoryRowStore(width);
        }

        @Override
        public void add(double[] row) {
            rows.add(row);
        }

        @Override
        public int size() {
            return rows.size();
        }

        @Override
        public void forEach(Consumer<double[]> visitor) {
            rows.forEach(visitor);
        }

        @Override
        public void clear() {
            rows.clear();
        }
    }

    @Test
    void theCyclesTableOfAShuttleGroupFillsItsStoreWhileTheRunProceeds() throws Exception {
        Scenario sc = ModelBenchmark.reference("shuttle").with("run.duration", "3 s").resolve();
        List<String> opened = new ArrayList<>();
        List<WatchedStore> stores = new ArrayList<>();
        TableStores watched = (name, columns) -> {
            opened.add(name);
            WatchedStore s = new WatchedStore(columns.size());
            stores.add(s);
            return s;
        };
        List<Integer> rowsAtSamples = new ArrayList<>();
        RunResult r = new ScenarioModel(Path.of(".")).run(new PlanPoint("p", new LinkedHashMap<>(), sc), 0,
                sc.run().seed(), (now, events) -> rowsAtSamples.add(stores.isEmpty() ? 0 : stores.get(0).size()),
                watched);

        assertThat(opened).containsExactly("cycles");
        Table cycles = r.tables().get("cycles");
        assertThat(cycles.store()).isSameAs(stores.get(0));
        assertThat(rowsAtSamples).hasSizeGreaterThanOrEqualTo(3);
        int atEnd = cycles.size();
        int beforeLastSample = rowsAtSamples.get(rowsAtSamples.size() - 2);
        // hundreds of numbers per box per second: most rows are in the store long before the end
        assertThat(beforeLastSample).as("rows stored by the second-to-last sample").isGreaterThan(atEnd / 4);
        assertThat(rowsAtSamples).isSorted();
        // the reference drops no session: every row is a cycle that counts
        assertThat(r.metrics().get("session.drops").value()).isZero();
        assertThat(r.metrics().get("cycle.count").value()).isEqualTo(atEnd);
    }

    @Test
    void theRunnerSeesTheSeriesGrowSampleBySampleAndItIsTheOneTheResultCarries() throws Exception {
        Scenario sc = ModelBenchmark.reference("cycle").with("run.duration", "4 s").resolve();
        org.repsim.core.result.TimeSeries[] handed = new org.repsim.core.result.TimeSeries[1];
        List<Integer> rowsAtReports = new ArrayList<>();
        RunResult r = new ScenarioModel(Path.of(".")).run(new PlanPoint("p", new LinkedHashMap<>(), sc), 0,
                sc.run().seed(), new org.repsim.scenario.run.ProgressSink() {
                    @Override
                    public void onProgress(long now, long events) {
                        rowsAtReports.add(handed[0].rows());
                    }

                    @Override
                    public void onSeries(org.repsim.core.result.TimeSeries series) {
                        assertThat(rowsAtReports).as("handed over before the run").isEmpty();
                        handed[0] = series;
                    }
                });
        assertThat(r.series()).isSameAs(handed[0]);
        // one report after each of the four samples, each seeing that sample's row already there
        assertThat(rowsAtReports).containsExactly(1, 2, 3, 4);
    }
}
