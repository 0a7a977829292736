package org.repsim.scenario.build;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.repsim.core.kernel.SimulationKernel;
import org.repsim.core.kernel.Tie;
import org.repsim.core.kernel.dsol.DsolKernel;
import org.repsim.core.random.RandomStreams;
import org.repsim.core.result.Interval;
import org.repsim.core.result.Metric;
import org.repsim.core.result.RunResult;
import org.repsim.core.result.TableStores;
import org.repsim.core.result.TimeSeries;
import org.repsim.core.signal.Recording;
import org.repsim.core.signal.Signals;
import org.repsim.model.workload.Host;
import org.repsim.model.workload.Workload;
import org.repsim.scenario.run.PlanPoint;
import org.repsim.scenario.run.ProgressSink;
import org.repsim.scenario.run.ReplicationModel;
import org.repsim.scenario.spec.Scenario;

/**
 * One replication of one sweep point: a fresh kernel and model built from the point's
 * scenario, run for {@code run.duration}, statistics reset at the end of the warm-up, time
 * series sampled every {@code report.sampleEvery}. Thread-safe: every call builds its own model.
 */
public final class ScenarioModel implements ReplicationModel {
    private final Path baseDir;

    /** @param baseDir directory that trace paths are relative to (the scenario file's) */
    public ScenarioModel(Path baseDir) {
        this.baseDir = baseDir;
    }

    /** Runs with the record tables in memory. */
    @Override
    public RunResult run(PlanPoint point, int replication, long masterSeed, ProgressSink progress) {
        return run(point, replication, masterSeed, progress, TableStores.IN_MEMORY);
    }

    @Override
    public RunResult run(PlanPoint point, int replication, long masterSeed, ProgressSink progress,
            TableStores tables) {
        Scenario sc = point.scenario();
        Built built = build(sc, replication, masterSeed, baseDir, tables);
        SimulationKernel k = built.kernel;
        long end = sc.run().durationNs();
        long every = sc.report().sampleEveryNs();
        built.recording.afterEachSample(() -> progress.onProgress(k.now(), k.eventsFired()));
        TimeSeries series = built.recording.sampleEvery(k, Math.min(every, end), every, end);
        progress.onSeries(series);
        k.runUntil(end);
        List<Metric> metrics = new ArrayList<>(built.recording.metrics(k.now()));
        metrics.addAll(built.loss);
        List<Interval> intervals = new ArrayList<>(built.intervals);
        intervals.addAll(built.engine.intervals(k.now()));
        return new RunResult(replication, masterSeed, metrics, series, built.engine.tables(), intervals);
    }

    /** A built, not yet run, model: for the runner and for benchmarks. */
    static final class Built {
        final SimulationKernel kernel;
        final Recording recording;
        final Signals signals = new Signals();
        final Topology topology;
        final Host host;
        final ModeEngine engine;
        final List<Workload> workloads;
        final List<Interval> intervals = new ArrayList<>();
        final List<Metric> loss = new ArrayList<>();

        Built(Scenario sc, int replication, long masterSeed, Path baseDir, TableStores tables) {
            recording = new Recording(tables);
            kernel = DsolKernel.create();
            RandomStreams streams = new RandomStreams(masterSeed, replication);
            topology = new Topology(sc, kernel, signals, streams);
            host = new Host(kernel, signals);
            engine = Engines.build(sc, topology, kernel, signals, streams, host);
            workloads = Workloads.build(sc, kernel, host, topology, streams, baseDir);
            StandardRecording.register(recording, signals, topology, kernel);
            engine.record(recording);
            // the recording is wired: components stop loading the signals nobody records
            signals.seal();
            Faults.schedule(sc, topology, kernel, engine, intervals, loss);
            long warmup = sc.run().warmupNs();
            if (warmup > 0) {
                kernel.at(warmup, Tie.CONTROL, () -> recording.reset(kernel.now()));
            }
            for (Workload w : workloads) {
                w.start(0, sc.run().durationNs());
            }
        }
    }

    /**
     * A model with its record tables in memory (benchmarks).
     *
     * @throws ModelBuildException when the scenario, although valid, cannot be built (the
     *         components refuse their configuration); the message says why
     */
    static Built build(Scenario sc, int replication, long masterSeed, Path baseDir) {
        return build(sc, replication, masterSeed, baseDir, TableStores.IN_MEMORY);
    }

    /**
     * {@link #build(Scenario, int, long, Path)} whose record tables keep their rows where
     * {@code tables} says.
     */
    static Built build(Scenario sc, int replication, long masterSeed, Path baseDir, TableStores tables) {
        try {
            return new Built(sc, replication, masterSeed, baseDir, tables);
        } catch (IllegalArgumentException e) {
            throw new ModelBuildException(e.getMessage(), e);
        }
    }
}
