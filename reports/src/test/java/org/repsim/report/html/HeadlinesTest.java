package org.repsim.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Headline order: the catalogue's order, a family's members (a 64-box group's boxes) in natural order. */
class HeadlinesTest {

    @Test
    void aFamilysMembersComeInTheOrderOfTheirNumbers() {
        List<String> names = new ArrayList<>();
        for (int b = 63; b >= 0; b--) {
            names.add("p" + b + ".remoteAdapters.utilization");
        }
        names.add("link.wan10.utilization");
        names.add("link.wan9.utilization");
        names.add("host.write.latency.mean");
        List<String> order = Headlines.headlines(names);
        assertThat(order.get(0)).isEqualTo("host.write.latency.mean");
        assertThat(order).containsSubsequence("link.wan9.utilization", "link.wan10.utilization");
        List<String> boxes = order.stream().filter(n -> n.endsWith(".remoteAdapters.utilization")).toList();
        assertThat(boxes).hasSize(64);
        for (int b = 0; b < 64; b++) {
            assertThat(boxes.get(b)).isEqualTo("p" + b + ".remoteAdapters.utilization");
        }
    }

    @Test
    void naturalOrderIsATotalOrderConsistentWithEquals() {
        String[] parts = {"p", "s", "0", "00", "1", "2", "10", "007", ".", "x", "99999999999999999999"};
        SplittableRandom r = new SplittableRandom(7);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            StringBuilder b = new StringBuilder();
            for (int k = r.nextInt(1, 5); k > 0; k--) {
                b.append(parts[r.nextInt(parts.length)]);
            }
            names.add(b.toString());
        }
        for (String a : names) {
            for (String b : names) {
                int ab = Integer.signum(Headlines.NATURAL.compare(a, b));
                assertThat(ab).isEqualTo(-Integer.signum(Headlines.NATURAL.compare(b, a)));
                assertThat(ab == 0).isEqualTo(a.equals(b));
            }
        }
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(Headlines.NATURAL);
        for (int i = 0; i + 1 < sorted.size(); i++) {
            for (int j = i + 1; j < sorted.size(); j += 7) {
                assertThat(Headlines.NATURAL.compare(sorted.get(i), sorted.get(j))).isLessThanOrEqualTo(0);
            }
        }
        assertThat(Headlines.NATURAL.compare("p2.x", "p10.x")).isNegative();
        assertThat(Headlines.NATURAL.compare("p02.x", "p2.x")).isNegative();
        assertThat(Headlines.NATURAL.compare("p2", "p2.x")).isNegative();
    }
}
