package org.repsim.scenario.spec;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;

class UnitsProperties {

    @Property
    void everyTimeFormatsToTextThatParsesBackExactly(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 8) long ns) {
        String text = Units.format(Units.Kind.TIME, ns);
        assertThat(Units.nanos(text)).isEqualTo(ns);
    }

    @Property
    void everySizeFormatsToTextThatParsesBackExactly(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 8) long bytes) {
        assertThat(Units.bytes(Units.format(Units.Kind.SIZE, bytes))).isEqualTo(bytes);
    }

    @Property
    void everyDataRateFormatsToTextThatParsesBack(@ForAll @DoubleRange(min = 0, max = 1e13) double bps) {
        assertThat(Units.bytesPerSecond(Units.format(Units.Kind.DATA_RATE, bps))).isEqualTo(bps);
    }
}
