package org.repsim.core.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.repsim.core.signal.Signal;
import org.repsim.core.signal.SignalKey;
import org.repsim.core.signal.Signals;

class MeasuresTest {

    @Test
    void everyMetricNameIsDeclaredOnce() {
        Set<String> names = new HashSet<>();
        for (MetricType m : Measures.metrics()) {
            assertThat(names.add(m.name())).as("declared twice: %s", m.name()).isTrue();
        }
    }

    @Test
    void theHeadlinesOfTheUserContractAreInTheCatalogue() {
        // summary.json names users' scripts read
        for (String n : List.of("host.write.latency.mean", "host.write.latency.p50", "host.write.latency.p99",
                "host.write.latency.p999", "host.read.latency.mean", "host.read.latency.p99", "host.writes",
                "rpo.lag.mean", "rpo.lag.max", "rpo.aboveTarget.fraction", "ordered.reorder.depth.mean",
                "ordered.reorder.depth.max", "ordered.outOfOrder", "cycle.duration.mean", "cycle.duration.max",
                "cycle.bytes.mean", "cycle.folding.mean", "cache.session.peak", "spill.peak", "session.drops",
                "consistency.violations", "shuttle.round.mean", "disaster.lost.writes", "disaster.lost.bytes",
                "disaster.lost.span", "link.wan.utilization")) {
            assertThat(Measures.HEADLINES.stream().anyMatch(h -> h.matches(n))).as(n).isTrue();
            assertThat(Measures.metric(n)).as(n).isPresent();
        }
    }

    @Test
    void familiesFillAndMatchTheirMembers() {
        assertThat(Measures.LINK_UTILIZATION.of("wan").name()).isEqualTo("link.wan.utilization");
        assertThat(Measures.LINK_DIRECTION_UTILIZATION.of("wan", "prod", "dr").name())
                .isEqualTo("link.wan.prod-dr.utilization");
        assertThat(Measures.LINK_UTILIZATION.matches("link.wan.prod-dr.utilization")).isFalse();
        assertThat(Measures.LINK_DIRECTION_UTILIZATION.matches("link.wan.prod-dr.utilization")).isTrue();
        assertThat(Measures.QUEUE.statistics("r1a.hostAdapters").mean().name()).isEqualTo("queue.r1a.hostAdapters.mean");
        assertThat(Measures.metric("queue.link.wan.prod-dr.max")).isPresent();
        assertThat(Measures.metric("no.such.metric")).isEmpty();
        // a box's remote adapters: their own headline family, found before the generic pool utilisation
        assertThat(Measures.REMOTE_ADAPTER_UTILIZATION.of("r1a").name()).isEqualTo("r1a.remoteAdapters.utilization");
        assertThat(Measures.metric("r1a.remoteAdapters.utilization").orElseThrow().description())
                .isEqualTo(Measures.REMOTE_ADAPTER_UTILIZATION.description());
        assertThat(Measures.HEADLINES).contains(Measures.REMOTE_ADAPTER_UTILIZATION);
        assertThat(Measures.REMOTE_ADAPTER_UTILIZATION.matches("r1a.hostAdapters.utilization")).isFalse();
        assertThatThrownBy(() -> Measures.LINK_DIRECTION_UTILIZATION.of("wan")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hintsTellReportsHowToPresent() {
        assertThat(Measures.metric("consistency.violations").orElseThrow().has(Hint.ZERO_IS_GOOD)).isTrue();
        assertThat(Measures.metric("host.writes").orElseThrow().has(Hint.ZERO_IS_GOOD)).isFalse();
        assertThat(Measures.column("rpo.lag").orElseThrow().has(Hint.SAWTOOTH)).isTrue();
        assertThat(Measures.column("cache.session.bytes").orElseThrow().has(Hint.SAWTOOTH)).isTrue();
        assertThat(Measures.column("queue.r1a.hostAdapters").orElseThrow().has(Hint.SAWTOOTH)).isFalse();
        assertThat(Measures.column("link.wan.utilization")).isPresent();
    }

    @Test
    void theCyclesTableSchemaIsOneListOfColumns() {
        TableSchema t = Measures.Cycles.SCHEMA;
        assertThat(t.name()).isEqualTo("cycles");
        assertThat(t.columnNames()).containsExactly("number", "box", "openS", "closeS", "sentS", "appliedS", "durationS",
                "writes", "slots", "bytes", "folding", "duplicates");
        assertThat(t.units()).containsExactly("count", "index", "s", "s", "s", "s", "s", "count", "count", "bytes",
                "ratio", "count");
        assertThat(t.index(Measures.Cycles.BYTES_COLUMN)).isEqualTo(9);
    }

    @Test
    void aSignalIsFoundByItsKeyOrTheBuildFails() {
        SignalKey busy = SignalKey.level(".busy", Unit.COUNT, "servers busy");
        SignalKey wait = SignalKey.observation(".wait", Unit.NANOSECONDS, "wait");
        Signals signals = new Signals();
        Signal declared = signals.declare("box.r1a.pool", busy);
        assertThat(declared.name()).isEqualTo("box.r1a.pool.busy");
        assertThat(signals.get("box.r1a.pool", busy)).isSameAs(declared);
        assertThatThrownBy(() -> signals.get("box.r1b.pool", busy)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no signal box.r1b.pool.busy");
        signals.declare("x", Signal.Kind.LEVEL, "bytes");
        SignalKey wrongUnit = SignalKey.level("", Unit.COUNT, "x");
        assertThatThrownBy(() -> signals.get("x", wrongUnit)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("expected LEVEL in count");
        assertThat(wait.name("p")).isEqualTo("p.wait");
    }
}
