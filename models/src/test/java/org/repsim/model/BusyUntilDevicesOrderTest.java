package org.repsim.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.repsim.core.kernel.Tie;
import org.repsim.core.signal.Signal;
import org.repsim.core.signal.Signals;
import org.repsim.core.stats.TimeWeighted;
import org.repsim.model.measure.SignalKeys;

/**
 * The order of departures of {@link BusyUntilDevices} (a sorted run of slots, the waiting
 * operations of all devices in one array) against {@link HeapOrderedDevices} (a binary heap on end
 * and stored start order, a ring object per device: the structures they replaced), driven by the
 * same seeded random calls: both must emit the same (time, signal, value) sequence, return the
 * same ends and report the same levels at every read.
 *
 * <p>The calls follow the contract of a disk group: time never goes back; every submission is
 * preceded by a settle through its instant; settles come at random instants, many exactly at an
 * operation's end, at every tie class (a {@link Tie#CONTROL} settle leaves that instant's
 * departures for later). The streams mix what makes the order hard: bursts at one instant, equal
 * ends (service times on a coarse grid, zero service times), operations ending before others
 * already in service (wide or occasionally long service times), long queues on one device,
 * phases over consecutive devices, and ends held at {@link Long#MAX_VALUE}. Half the cases read
 * the signals through listeners, half sealed, with the levels recorded each by one
 * {@link TimeWeighted} (the direct update path), whose statistics are compared at every read.
 */
class BusyUntilDevicesOrderTest {
    private static final Tie[] TIES = Tie.values();

    private enum Service { CONSTANT, GRID, WIDE, MOSTLY_CONSTANT }

    /** What both versions offer; the reference implements it directly, the class under test through an adapter. */
    interface Devices {
        long submit(int device, long nowNs, long serviceNs);

        void settle(long nowNs, Tie tie);

        void settleThrough(long timeNs);

        int waiting();

        int busy();

        void seal();
    }

    /** One structure with its signals and what it emitted. */
    private static final class Subject {
        final Signals signals = new Signals();
        final List<String> log = new ArrayList<>();
        final List<TimeWeighted> levels = new ArrayList<>();
        final Devices devices;
        /** Submissions ending before an operation submitted earlier (placed before the back, if started then). */
        int overtakes;

        Subject(int n, boolean sealed, boolean reference) {
            Signal queue = signals.declare("dg", SignalKeys.DiskGroup.QUEUE);
            Signal busy = signals.declare("dg", SignalKeys.DiskGroup.BUSY);
            Signal inSystem = signals.declare("dg", SignalKeys.DiskGroup.IN_SYSTEM);
            Signal response = signals.declare("dg", SignalKeys.DiskGroup.RESPONSE);
            if (reference) {
                devices = new HeapOrderedDevices(n, queue, busy, inSystem, response);
            } else {
                BusyUntilDevices d = new BusyUntilDevices(n, queue, busy, inSystem, response);
                devices = new Devices() {
                    public long submit(int device, long nowNs, long serviceNs) {
                        return d.submit(device, nowNs, serviceNs);
                    }

                    public void settle(long nowNs, Tie tie) {
                        d.settle(nowNs, tie);
                    }

                    public void settleThrough(long timeNs) {
                        d.settleThrough(timeNs);
                    }

                    public int waiting() {
                        return d.waiting();
                    }

                    public int busy() {
                        return d.busy();
                    }

                    public void seal() {
                        d.seal();
                    }
                };
            }
            if (sealed) {
                // busy and inSystem each recorded by one level only (updated directly once sealed);
                // queue by a level and a listener; response by a listener
                for (Signal s : List.of(busy, inSystem, queue)) {
                    TimeWeighted w = new TimeWeighted(0, 0);
                    s.subscribe(w);
                    levels.add(w);
                }
                for (Signal s : List.of(queue, response)) {
                    s.subscribe((t, v) -> log.add(t + " " + s.name() + "=" + v));
                }
                signals.onSeal(devices::seal);
                signals.seal();
            } else {
                for (Signal s : signals.matching("dg.*")) {
                    s.subscribe((t, v) -> log.add(t + " " + s.name() + "=" + v));
                }
            }
        }

        void read(long nowNs) {
            log.add("read " + nowNs + ": busy " + devices.busy() + ", waiting " + devices.waiting());
            for (TimeWeighted w : levels) {
                log.add("level " + w.integral(nowNs) + " " + w.min() + " " + w.max() + " " + w.current());
            }
        }
    }

    @Test
    void theSortedRunEmitsWhatTheHeapEmitted() {
        long[] totals = new long[3];
        SeededCases.forSeeds(400, seed -> {
            Subject reference = run(seed, true);
            Subject sorted = run(seed, false);
            assertThat(sorted.log).containsExactlyElementsOf(reference.log);
            totals[0]++;
            totals[1] += reference.log.size();
            totals[2] += reference.overtakes;
        });
        // the streams are long, and operations often end before ones submitted earlier
        assertThat(totals[1]).isGreaterThan(100 * totals[0]);
        assertThat(totals[2]).isGreaterThan(10 * totals[0]);
    }

    private static Subject run(int seed, boolean reference) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = SeededCases.intIn(r, 1, 48);
        Subject s = new Subject(n, seed % 2 == 1, reference);
        Service kind = Service.values()[r.nextInt(Service.values().length)];
        long constant = SeededCases.oneOf(r, 0L, 1_000L, 1 + r.nextLong(1_000_000));
        int gridSteps = 1 + r.nextInt(4);
        int hot = r.nextInt(n);
        List<Long> ends = new ArrayList<>();
        long now = 0;
        long latestEnd = Long.MIN_VALUE;
        int steps = SeededCases.intIn(r, 1, 600);
        for (int step = 0; step < steps; step++) {
            // time moves on: not at all (a burst), on a grid, anywhere, or exactly to an end
            switch (r.nextInt(5)) {
                case 0 -> { }
                case 1 -> now += 1_000L * r.nextInt(3);
                case 2 -> now += r.nextLong(200_000);
                default -> {
                    long next = now;
                    for (int k = 0; k < 3 && !ends.isEmpty(); k++) {
                        long e = ends.get(r.nextInt(ends.size()));
                        if (e >= now && e < Long.MAX_VALUE / 2) {
                            next = e;
                            break;
                        }
                    }
                    now = next;
                }
            }
            switch (r.nextInt(6)) {
                case 0 -> s.devices.settle(now, TIES[r.nextInt(TIES.length)]);
                case 1 -> {
                    s.devices.settleThrough(now);
                    s.read(now);
                }
                default -> {
                    s.devices.settleThrough(now);
                    int ops = r.nextInt(4) == 0 ? 1 + r.nextInt(Math.min(n, 6)) : 1;
                    int first = r.nextInt(3) == 0 ? hot : r.nextInt(n);
                    for (int k = 0; k < ops; k++) {
                        long end = s.devices.submit((first + k) % n, now, service(r, kind, constant, gridSteps));
                        ends.add(end);
                        if (end < latestEnd) {
                            s.overtakes++;
                        }
                        latestEnd = Math.max(latestEnd, end);
                        s.log.add("end " + end);
                    }
                }
            }
        }
        s.devices.settleThrough(Long.MAX_VALUE);
        s.read(Long.MAX_VALUE);
        return s;
    }

    private static long service(SplittableRandom r, Service kind, long constant, int gridSteps) {
        if (r.nextInt(500) == 0) {
            return 1L << 62;
        }
        return switch (kind) {
            case CONSTANT -> constant;
            case GRID -> r.nextInt(8) == 0 ? 0 : 1_000L * (1 + r.nextInt(gridSteps));
            case WIDE -> r.nextInt(10) == 0 ? 0 : 1 + r.nextLong(1_000_000);
            case MOSTLY_CONSTANT -> switch (r.nextInt(20)) {
                case 0 -> 0;
                case 1 -> constant * (2 + r.nextInt(40));
                case 2 -> constant / 2;
                default -> constant;
            };
        };
    }
}
