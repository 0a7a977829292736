package org.repsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

class FileFormatProperties {

    @Property
    void everyFiniteDoubleReadsBackIdentically(@ForAll double value) {
        if (Double.isFinite(value)) {
            assertThat(Double.doubleToRawLongBits(Numbers.parseCsv(Numbers.csv(value))))
                    .isEqualTo(Double.doubleToRawLongBits(value));
        } else {
            assertThat(Numbers.parseCsv(Numbers.csv(value))).isNaN();
        }
    }

    @Property
    void csvLinesOfAnyTextParseBackToTheSameFields(@ForAll @Size(min = 1, max = 6) List<String> fields) {
        StringBuilder out = new StringBuilder();
        Csv.line(out, fields);
        Csv.line(out, fields);
        assertThat(Csv.parse(out.toString())).containsExactly(fields, fields);
    }
}
