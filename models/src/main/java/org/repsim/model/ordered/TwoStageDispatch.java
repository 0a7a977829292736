package org.repsim.model.ordered;

import org.repsim.core.kernel.Scheduler;
import org.repsim.core.signal.Signal;
import org.repsim.model.Box;
import org.repsim.model.Cache;
import org.repsim.model.Processor;
import org.repsim.model.ordered.OrderedConfig.Spread;
import org.repsim.model.ordered.rules.OrderedDispatcher;
import org.repsim.model.ordered.rules.OrderedDispatcher.Ordering;
import org.repsim.model.ordered.rules.TrackGate;

/**
 * The two processor stages around the pure {@link OrderedDispatcher} (docs/model.md §4):
 * preparation by the {@code preparePool} (cache read, or stage from the back end on a miss, so
 * completions come out of order), the reorder check charged to the preparation pool, and the
 * {@code senderPool} that turns each dispatched subtask into a write command on a port.
 *
 * <p>With {@code ordering: on} every subtask, host task or copy pass, first passes the per-track
 * {@link TrackGate} [design]: its preparation (the cache read that fixes its data) starts only when
 * every older subtask of its track has been dispatched to the second processor, so per track the
 * data dispatched never gets older. The sender is one server and a port is FIFO, so on one path per
 * track the secondary receives a track's data in age order: no regression (docs/model.md §4). With
 * {@code ordering: off} there is no gate.
 */
final class TwoStageDispatch {

    private static final Runnable NOTHING = () -> { };

    private final OrderedReplication engine;
    private final Scheduler scheduler;
    private final OrderedConfig config;
    private final Box primary;
    private final Processor prepare;
    private final Processor sender;
    private final Cache cache;
    private final long trackSizeBytes;
    final OrderedDispatcher<Subtask> dispatcher;
    /** The per-track gate; null with {@code ordering: off}. */
    final TrackGate<Subtask> gate;
    private OrderedReplication.DispatchObserver[] observers = new OrderedReplication.DispatchObserver[0];
    private long nextTaskId;
    private long checkEntries;

    // signals, declared by the engine
    private final Signal depthSignal;
    private final Signal activeTasksSignal;
    private final Signal taskDepthSignal;
    private final Signal waitSignal;
    private final Signal waitedSignal;
    private final Signal dispatchedSignal;
    private final Signal checkEntriesSignal;
    private final Signal checkNsSignal;
    private final Signal trackWaitSignal;

    TwoStageDispatch(OrderedReplication engine, Scheduler scheduler, OrderedConfig config, Box primary, Processor prepare, Processor sender,
                     Signal depthSignal, Signal activeTasksSignal, Signal taskDepthSignal, Signal waitSignal,
                     Signal waitedSignal, Signal dispatchedSignal, Signal checkEntriesSignal, Signal checkNsSignal,
                     Signal trackWaitSignal) {
        this.engine = engine;
        this.scheduler = scheduler;
        this.config = config;
        this.primary = primary;
        this.prepare = prepare;
        this.sender = sender;
        this.cache = primary.cache();
        this.trackSizeBytes = cache.trackSizeBytes();
        this.dispatcher = new OrderedDispatcher<>(config.scan(), config.ordering(), this::onDispatch);
        this.gate = config.ordering() == Ordering.ON ? new TrackGate<>() : null;
        this.depthSignal = depthSignal;
        this.activeTasksSignal = activeTasksSignal;
        this.taskDepthSignal = taskDepthSignal;
        this.waitSignal = waitSignal;
        this.waitedSignal = waitedSignal;
        this.dispatchedSignal = dispatchedSignal;
        this.checkEntriesSignal = checkEntriesSignal;
        this.checkNsSignal = checkNsSignal;
        this.trackWaitSignal = trackWaitSignal;
    }

    void addObserver(OrderedReplication.DispatchObserver observer) {
        OrderedReplication.DispatchObserver[] grown = java.util.Arrays.copyOf(observers, observers.length + 1);
        grown[observers.length] = observer;
        observers = grown;
    }

    /** A new task of {@code count} subtasks registered with the dispatcher; its port if tasks keep one port. */
    Task newTask(Relationship rel, int count, boolean pass, long now) {
        Task task = new Task(nextTaskId++, rel, count, pass, now,
                config.spread() == Spread.PER_TASK ? rel.roundRobin() : null);
        task.handle = dispatcher.registerTask(task.id, count);
        return task;
    }

    void emitActiveTasks(long now) {
        activeTasksSignal.emit(now, dispatcher.activeTasks());
    }

    // ---------------------------------------------------------------- first stage

    /** A new subtask (created in age order): it prepares now, or once the gate admits it. */
    void prepare(Subtask s) {
        if (gate == null) {
            startPreparation(s);
            return;
        }
        s.createdNs = scheduler.now();
        if (gate.add(s.track, s)) {
            trackWaitSignal.emit(s.createdNs, 0);
            startPreparation(s);
        }
    }

    private void startPreparation(Subtask s) {
        prepare.submit(() -> {
            if (cache.read(s.track)) {
                onPrepared(s);
            } else {
                primary.backEnd().read(s.track, trackSizeBytes, () -> {
                    cache.fill(s.track);
                    onPrepared(s);
                });
            }
        });
    }

    private void onPrepared(Subtask s) {
        long now = scheduler.now();
        s.preparedNs = now;
        s.version = engine.image.read(engine.space, s.track);
        Task task = s.task;
        int examined = dispatcher.offer(task.handle, s.seq, s);
        if (examined > 0) {
            checkEntries += examined;
            checkEntriesSignal.emit(now, examined);
            long cpuNs = examined * config.checkNsPerEntry();
            if (cpuNs > 0) {
                checkNsSignal.emit(now, cpuNs);
                prepare.submit(cpuNs, NOTHING);
            }
        }
        depthSignal.emit(now, dispatcher.depth());
        activeTasksSignal.emit(now, dispatcher.activeTasks());
        taskDepthSignal.emit(now, dispatcher.isActive(task.handle) ? dispatcher.depth(task.handle) : 0);
    }

    /** Dispatcher listener: called inside offer, in dispatch order. */
    private void onDispatch(long taskId, int seq, Subtask s, boolean taskComplete) {
        long now = scheduler.now();
        long waitNs = now - s.preparedNs;
        waitSignal.emit(now, waitNs);
        dispatchedSignal.emit(now, 1);
        if (waitNs > 0) {
            waitedSignal.emit(now, 1);
        }
        for (OrderedReplication.DispatchObserver o : observers) {
            o.onDispatch(now, taskId, seq, s.track);
        }
        sender.submit(() -> {
            Task task = s.task;
            Port port = task.port != null ? task.port : task.rel.roundRobin();
            port.submit(s);
        });
        if (gate != null) {
            // the next subtask of the track may read it now (the processor only schedules: no re-entry)
            Subtask next = gate.dispatched(s.track);
            if (next != null) {
                trackWaitSignal.emit(now, now - next.createdNs);
                startPreparation(next);
            }
        }
    }

    long checkEntries() {
        return checkEntries;
    }
}
