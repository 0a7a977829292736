package org.repsim.scenario.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The project's conventions hold for every record of the scenario format. */
class SpecRecordsTest {

    private static final Map<Units.Kind, String> SUFFIX = Map.of(Units.Kind.TIME, "Ns", Units.Kind.SIZE, "Bytes",
            Units.Kind.DATA_RATE, "Bps", Units.Kind.EVENT_RATE, "PerSec", Units.Kind.DISTANCE, "M");

    private static Set<Class<?>> reachable() {
        Set<Class<?>> seen = new LinkedHashSet<>();
        collect(Scenario.class, seen);
        return seen;
    }

    private static void collect(Type type, Set<Class<?>> seen) {
        Class<?> raw = Keys.raw(type);
        if (List.class.isAssignableFrom(raw)) {
            collect(Keys.argument(type, 0), seen);
        } else if (Keys.isVariantFamily(raw)) {
            Keys.variants(raw).values().forEach(v -> collect(v, seen));
        } else if (raw.isRecord() && seen.add(raw)) {
            for (RecordComponent c : raw.getRecordComponents()) {
                collect(c.getGenericType(), seen);
            }
        }
    }

    @Test
    void everyQuantityCarriesItsUnitInItsName() {
        List<String> wrong = new ArrayList<>();
        for (Class<?> type : reachable()) {
            for (RecordComponent c : type.getRecordComponents()) {
                Quantity q = c.getAnnotation(Quantity.class);
                if (q != null && c.getType() != Distribution.class && !c.getName().endsWith(SUFFIX.get(q.value()))) {
                    wrong.add(type.getSimpleName() + "." + c.getName());
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyKeyIsDocumentedAndEveryDefaultIsWhereAUserCanOmitTheKey() {
        List<String> undocumented = new ArrayList<>();
        for (Class<?> type : reachable()) {
            for (RecordComponent c : type.getRecordComponents()) {
                if (c.getAnnotation(Doc.class) == null) {
                    undocumented.add(type.getSimpleName() + "." + c.getName());
                }
                assertThat(c.getAnnotation(Default.class) != null && c.getAnnotation(OptionalKey.class) != null)
                        .as("%s.%s is both optional and defaulted", type.getSimpleName(), c.getName()).isFalse();
            }
        }
        assertThat(undocumented).isEmpty();
    }

    @Test
    void theFormatHasTheBlocksOfTheContract() {
        assertThat(reachable()).contains(Run.class, Site.class, Box.class, Cache.class, ProcessorPool.class, NamedPool.class,
                DiskGroup.class, Volume.class, Link.class, Replication.class, Pair.class, Ordered.class, Sender.class,
                CopyPass.class, Cycle.class, SpillPool.class, ApplyCost.class, Consistency.class, Workload.class,
                Arrival.Open.class, Arrival.Closed.class, ProfileStep.class, MmppState.class, Trace.class,
                AddressPattern.Zipf.class, AddressPattern.Sequential.class, Distribution.Choice.class,
                Fault.LinkDown.class, Fault.LinkDegrade.class, Fault.ProcessorSlowdown.class, Fault.Disaster.class,
                Report.class);
    }
}
