package org.repsim.model.cycle.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.repsim.model.SeededCases;
import org.repsim.model.SeededCases.Coverage;

/**
 * The spill policy with {@link SpillFrom#ANY} (docs/model.md §5, cache pressure): spilling
 * capture slots, rewrites folding into them in the pool, slots read back before sending —
 * against a brute-force model that keeps every slot as an object (cycle, index, track, dirty
 * blocks, spilled, state) and recomputes cache, pool and pending bytes from scratch after every
 * operation. Checked after every operation: the outcome of each write and the slots it spilled;
 * writes = slots + folded (switcher and every closed cycle); cache and pool bytes equal the
 * model's sums; byte conservation (written after folding = sent + cache + pool + discarded,
 * docs/model.md §8.4); cache ≤ limit and pool ≤ pool size; each taken slot's version, bytes and
 * spilled mark. Writes are block extents of small tracks (folds add blocks, so a fold into a
 * spilled slot grows the pool), slots occupy their bytes or a whole track, all three switch modes,
 * spill then pace or drop, and both {@link SpillFrom} values (the model spills capture slots only
 * for {@code ANY}). 300 seeded cases of 50..600 operations.
 */
class SpillCaptureProperties {

    private static final int CASES = 300;
    private static final long TRACK = 4096;
    private static final long BLOCK = 512;
    private static final long MIN_CYCLE_NS = 2_000;
    private static final BlockMap BLOCKS = BlockMap.of(TRACK, BLOCK);

    private static final int QUEUED = 0;
    private static final int IN_FLIGHT = 1;
    private static final int SENT = 2;

    /** One slot of the model. */
    static final class MSlot {
        final int index;
        final long track;
        long version;
        long mask;
        boolean spilled;
        int state = QUEUED;

        MSlot(int index, long track, long version, long mask) {
            this.index = index;
            this.track = track;
            this.version = version;
            this.mask = mask;
        }

        long bytes() {
            return BLOCKS.dirtyBytes(mask);
        }
    }

    /** One cycle of the model (capture or closed). */
    static final class MCycle {
        final long number;
        final List<MSlot> slots = new ArrayList<>();
        long writes;
        long folded;

        MCycle(long number) {
            this.number = number;
        }

        MSlot slotOf(long track) {
            for (MSlot s : slots) {
                if (s.track == track) {
                    return s;
                }
            }
            return null;
        }

        boolean allSent() {
            return slots.stream().allMatch(s -> s.state == SENT);
        }
    }

    /** The brute-force model and the switcher it checks. */
    static final class Run {
        final CycleSwitcher sw;
        final CachePressure pressure;
        final SwitchRules rules;
        final long whole;
        final int tracks;
        /** Labels this case hit (counted once per case). */
        final java.util.Set<String> hit = new java.util.HashSet<>();

        long now;
        long version;
        boolean active = true;
        MCycle capture;
        final List<MCycle> transmit = new ArrayList<>();
        final List<long[]> inFlight = new ArrayList<>(); // handle, cycle number, index
        long writtenAfterFolding;
        long sent;
        long discarded;
        long writes;
        long slots;
        long folded;
        boolean sentSpilledCaptureSlot;
        final Map<Long, Integer> capturedSpilled = new HashMap<>(); // closed cycle → slots spilled while capture

        Run(SwitchRules rules, CachePressure pressure, long whole, int tracks) {
            this.rules = rules;
            this.pressure = pressure;
            this.whole = whole;
            this.tracks = tracks;
            this.sw = new CycleSwitcher(rules, pressure, 1, 0, BLOCKS, whole);
            this.capture = new MCycle(1);
        }

        void mark(String label, boolean when) {
            if (when) {
                hit.add(label);
            }
        }

        long occ(MSlot s) {
            return whole > 0 ? whole : s.bytes();
        }

        List<MSlot> unsent() {
            List<MSlot> out = new ArrayList<>();
            if (!active) {
                return out;
            }
            out.addAll(capture.slots);
            for (MCycle c : transmit) {
                c.slots.stream().filter(s -> s.state != SENT).forEach(out::add);
            }
            return out;
        }

        long modelCache() {
            return unsent().stream().filter(s -> !s.spilled).mapToLong(this::occ).sum();
        }

        long modelPool() {
            return unsent().stream().filter(s -> s.spilled).mapToLong(MSlot::bytes).sum();
        }

        long modelPending() {
            return unsent().stream().mapToLong(MSlot::bytes).sum();
        }

        void step(int op) {
            int action = Math.floorMod(op, 10);
            int p = Math.floorDiv(Math.abs(op), 10);
            now += p % 300;
            if (!active) {
                resync();
            } else {
                switch (action) {
                    case 0, 1, 2, 3, 4 -> write(p);
                    case 5 -> doSwitch();
                    case 6, 7 -> take();
                    case 8 -> deliver(p);
                    default -> commit();
                }
            }
            check();
        }

        // ------------------------------------------------------------ the rules, brute force

        /** Candidates of the spill policy, in the order it takes them (docs/model.md §5). */
        List<MSlot> candidates(MSlot protect) {
            List<MSlot> out = new ArrayList<>();
            for (MCycle c : transmit) {
                for (int i = c.slots.size() - 1; i >= 0; i--) {
                    MSlot s = c.slots.get(i);
                    if (s.state == QUEUED && !s.spilled) {
                        out.add(s);
                    }
                }
            }
            if (pressure.spillFrom() == SpillFrom.ANY) {
                int limit = protect == null ? capture.slots.size() : protect.index;
                for (MSlot s : capture.slots) {
                    if (!s.spilled && s.index < limit) {
                        out.add(s);
                    }
                }
            }
            return out;
        }

        /** The slots spilling would move for {@code excess} bytes of cache, or null if it cannot make room. */
        List<MSlot> spillSet(long excess, MSlot protect) {
            long room = pressure.spillPoolBytes() - modelPool();
            long pooled = 0;
            long moved = 0;
            List<MSlot> set = new ArrayList<>();
            for (MSlot s : candidates(protect)) {
                if (pooled + s.bytes() > room) {
                    return null;
                }
                pooled += s.bytes();
                moved += occ(s);
                set.add(s);
                if (moved >= excess) {
                    return set;
                }
            }
            return null;
        }

        /** The outcome of the first terminal policy. */
        WriteOutcome terminal() {
            for (PressurePolicy p : pressure.policies()) {
                if (p != PressurePolicy.SPILL) {
                    return p == PressurePolicy.PACE ? WriteOutcome.PACED : WriteOutcome.DROPPED;
                }
            }
            throw new AssertionError("no terminal policy");
        }

        void write(int p) {
            long track = p % tracks;
            int first = (p / tracks) % 8;
            int blocks = 1 + (p / (tracks * 8)) % (8 - first);
            long mask = BLOCKS.mask(first * BLOCK, blocks * BLOCK);
            long size = BLOCKS.dirtyBytes(mask);
            long v = ++version;

            MSlot old = capture.slotOf(track);
            WriteOutcome expected;
            List<MSlot> spill = List.of();
            long poolWrite = 0;
            if (old != null && old.spilled) {
                long delta = BLOCKS.dirtyBytes(old.mask | mask) - old.bytes();
                if (delta > 0 && modelPool() + delta > pressure.spillPoolBytes()) {
                    expected = terminal();
                    mark("pool fold refused", true);
                } else {
                    expected = WriteOutcome.FOLDED;
                    poolWrite = size;
                }
            } else {
                long need = old == null ? (whole > 0 ? whole : size)
                        : (whole > 0 ? 0 : BLOCKS.dirtyBytes(old.mask | mask) - old.bytes());
                long excess = modelCache() + need - pressure.limitBytes();
                expected = old != null ? WriteOutcome.FOLDED : duplicate(track) ? WriteOutcome.DUPLICATE_SLOT
                        : WriteOutcome.NEW_SLOT;
                if (need > 0 && excess > 0) {
                    List<MSlot> set = pressure.policies().get(0) == PressurePolicy.SPILL ? spillSet(excess, old) : null;
                    if (set == null) {
                        expected = terminal();
                    } else {
                        spill = set;
                        poolWrite = set.stream().mapToLong(MSlot::bytes).sum();
                    }
                }
            }

            WriteOutcome o = sw.write(track, first * BLOCK, blocks * BLOCK, v, now);
            assertThat(o).as("write of track %d blocks %d+%d at %d", track, first, blocks, now).isEqualTo(expected);
            if (o.inCycle()) {
                assertThat(sw.lastSpilledSlots()).isEqualTo(spill.size());
                assertThat(sw.lastPoolWriteBytes()).as("pool write the host waits for").isEqualTo(poolWrite);
                for (MSlot s : spill) {
                    s.spilled = true;
                    mark("capture slot spilled", capture.slots.contains(s));
                }
                writes++;
                if (old != null) {
                    long delta = BLOCKS.dirtyBytes(old.mask | mask) - old.bytes();
                    mark("fold into a spilled capture slot", old.spilled);
                    mark("fold into a spilled capture slot adds blocks", old.spilled && delta > 0);
                    old.mask |= mask;
                    old.version = v;
                    writtenAfterFolding += delta;
                    folded++;
                    capture.folded++;
                } else {
                    capture.slots.add(new MSlot(capture.slots.size(), track, v, mask));
                    writtenAfterFolding += size;
                    slots++;
                }
                capture.writes++;
                assertThat(sw.captureVersion(track)).isEqualTo(v);
            } else if (o == WriteOutcome.PACED) {
                assertThat(sw.lastPoolWriteBytes()).isZero();
                mark("paced", true);
            } else {
                dropped();
            }
        }

        boolean duplicate(long track) {
            for (MCycle c : transmit) {
                for (MSlot s : c.slots) {
                    if (s.track == track && s.state != SENT) {
                        return true;
                    }
                }
            }
            return false;
        }

        void dropped() {
            assertThat(sw.state()).isEqualTo(SessionState.DROPPED);
            discarded += modelPending();
            active = false;
            transmit.clear();
            inFlight.clear();
            capture = null;
            mark("dropped", true);
        }

        void resync() {
            while (sw.takeOwedTracks(now).length > 0) {
                now++;
            }
            assertThat(sw.state()).isEqualTo(SessionState.ACTIVE);
            active = true;
            capture = new MCycle(sw.captureNumber());
        }

        void doSwitch() {
            long number = sw.captureNumber();
            SwitchOutcome o = rules.mode() == SwitchMode.EXTERNAL ? sw.close(now) : sw.trySwitch(now, true);
            if (o.switched()) {
                assertThat(capture.slots).isNotEmpty();
                CycleRecord r = sw.record(number);
                assertThat(r.slots()).isEqualTo(capture.slots.size());
                assertThat(r.writes()).isEqualTo(capture.writes).isEqualTo(r.slots() + r.folded());
                assertThat(r.folded()).isEqualTo(capture.folded);
                int spilled = (int) capture.slots.stream().filter(s -> s.spilled).count();
                assertThat(r.spilledSlots()).isEqualTo(spilled);
                capturedSpilled.put(number, spilled);
                transmit.add(capture);
                capture = new MCycle(sw.captureNumber());
            } else {
                assertThat(sw.captureNumber()).isEqualTo(number);
            }
        }

        void take() {
            CycleSwitcher.TakenSlot t = sw.takeSlot(now);
            MSlot next = null;
            MCycle of = null;
            for (MCycle c : transmit) {
                for (MSlot s : c.slots) {
                    if (s.state == QUEUED) {
                        next = s;
                        of = c;
                        break;
                    }
                }
                if (next != null) {
                    break;
                }
            }
            if (next == null) {
                assertThat(t).isNull();
                return;
            }
            assertThat(t).isNotNull();
            assertThat(t.number()).isEqualTo(of.number);
            assertThat(t.index()).isEqualTo(next.index);
            assertThat(t.track()).isEqualTo(next.track);
            assertThat(t.version()).isEqualTo(next.version);
            assertThat(t.bytes()).isEqualTo(next.bytes());
            assertThat(t.spilled()).as("read back from the pool before sending").isEqualTo(next.spilled);
            if (next.spilled && next.index < capturedSpilled.getOrDefault(of.number, 0)) {
                sentSpilledCaptureSlot = true;
            }
            next.state = IN_FLIGHT;
            inFlight.add(new long[] {t.handle(), of.number, next.index});
        }

        void deliver(int p) {
            if (inFlight.isEmpty()) {
                return;
            }
            long[] f = inFlight.remove(p % inFlight.size());
            assertThat(sw.onSlotSent(f[0], now)).isTrue();
            MCycle c = transmit.stream().filter(x -> x.number == f[1]).findFirst().orElseThrow();
            MSlot s = c.slots.get((int) f[2]);
            s.state = SENT;
            sent += s.bytes();
        }

        void commit() {
            long n = sw.takeCommit(now);
            MCycle first = transmit.isEmpty() ? null : transmit.get(0);
            if (first == null || !first.allSent()) {
                assertThat(n).isEqualTo(CycleSwitcher.NONE);
                return;
            }
            assertThat(n).isEqualTo(first.number);
            assertThat(sw.onCommitAcknowledged(n, now)).isTrue();
            transmit.remove(0);
        }

        void check() {
            assertThat(sw.cacheBytes()).as("cache bytes").isEqualTo(modelCache());
            assertThat(sw.poolBytes()).as("pool bytes").isEqualTo(modelPool());
            assertThat(sw.pendingBytes()).as("pending bytes").isEqualTo(modelPending());
            assertThat(sw.cacheBytes()).isLessThanOrEqualTo(pressure.limitBytes());
            assertThat(sw.poolBytes()).isLessThanOrEqualTo(pressure.spillPoolBytes());
            assertThat(sw.maxPoolBytes()).isLessThanOrEqualTo(pressure.spillPoolBytes());
            assertThat(sw.bytesAfterFolding()).as("written after folding").isEqualTo(writtenAfterFolding)
                    .isEqualTo(sw.sentBytes() + sw.pendingBytes() + sw.discardedBytes());
            assertThat(sw.sentBytes()).isEqualTo(sent);
            assertThat(sw.discardedBytes()).isEqualTo(discarded);
            assertThat(sw.writes()).isEqualTo(writes).isEqualTo(sw.slotsCreated() + sw.folded());
            assertThat(sw.slotsCreated()).isEqualTo(slots);
            assertThat(sw.folded()).isEqualTo(folded);
            if (pressure.spillFrom() == SpillFrom.TRANSMIT && active) {
                assertThat(capture.slots).noneMatch(s -> s.spilled);
            }
        }
    }

    private static final List<String> LABELS = List.of("capture slot spilled", "fold into a spilled capture slot",
            "fold into a spilled capture slot adds blocks", "pool fold refused", "spilled capture slot sent", "paced",
            "dropped");

    @Test
    void spillingCaptureSlotsKeepsWritesSlotsAndBytesExact() {
        Coverage coverage = new Coverage();
        SeededCases.forSeeds(CASES, seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            List<Integer> ops = SeededCases.ints(r, 50, 600, 0, 1_000_000);
            int tracks = SeededCases.intIn(r, 1, 16);
            long limit = SeededCases.intIn(r, 1, 8) * TRACK;
            long pool = SeededCases.intIn(r, 1, 12 * (int) TRACK);
            List<PressurePolicy> policies = SeededCases.oneOf(r,
                    List.of(PressurePolicy.SPILL, PressurePolicy.PACE), List.of(PressurePolicy.SPILL, PressurePolicy.DROP));
            SpillFrom from = r.nextInt(4) == 0 ? SpillFrom.TRANSMIT : SpillFrom.ANY;
            SwitchRules rules = SeededCases.oneOf(r, SwitchRules.legacy(MIN_CYCLE_NS),
                    SwitchRules.multiCycle(MIN_CYCLE_NS, 3), SwitchRules.external());
            long whole = r.nextInt(3) == 0 ? TRACK : 0;
            Run run = new Run(rules, new CachePressure(limit, pool, policies, Long.MAX_VALUE, from), whole, tracks);
            ops.forEach(run::step);
            run.mark("spilled capture slot sent", run.sentSpilledCaptureSlot);
            for (String label : LABELS) {
                coverage.count(label, run.hit.contains(label));
            }
            coverage.endCase();
        });
        coverage.assertPercentAbove("capture slot spilled", 20);
        coverage.assertPercentAbove("fold into a spilled capture slot", 10);
        coverage.assertPercentAbove("fold into a spilled capture slot adds blocks", 5);
        coverage.assertSeen("pool fold refused");
        coverage.assertPercentAbove("spilled capture slot sent", 10);
        coverage.assertPercentAbove("paced", 10);
        coverage.assertPercentAbove("dropped", 10);
    }
}
