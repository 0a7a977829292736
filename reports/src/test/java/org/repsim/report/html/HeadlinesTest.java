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

    @Test
    void aFamilyOfMoreThanTwelveIsItsHighestAndLowestMemberWhereItsFirstStood() {
        List<String> names = new ArrayList<>(List.of("host.write.latency.mean"));
        for (int b = 0; b < 64; b++) {
            names.add("p" + b + ".remoteAdapters.utilization");
        }
        for (int l = 0; l < 12; l++) {
            names.add("link.wan" + l + ".utilization");
        }
        names.add("rpo.lag.max");
        // box b's mean: b % 10 + b / 100 (p59 highest, 9.59; p0 lowest, 0); p13 has none
        List<Headlines.Row> rows = Headlines.rows(names, n -> {
            if (!n.startsWith("p")) {
                return 1;
            }
            int b = Integer.parseInt(n.substring(1, n.indexOf('.')));
            return b == 13 ? Double.NaN : b % 10 + b / 100.0;
        });
        assertThat(rows).extracting(Headlines.Row::metric).containsExactly("host.write.latency.mean",
                "p59.remoteAdapters.utilization", "p0.remoteAdapters.utilization", "link.wan0.utilization",
                "link.wan1.utilization", "link.wan2.utilization", "link.wan3.utilization", "link.wan4.utilization",
                "link.wan5.utilization", "link.wan6.utilization", "link.wan7.utilization", "link.wan8.utilization",
                "link.wan9.utilization", "link.wan10.utilization", "link.wan11.utilization", "rpo.lag.max");
        assertThat(rows.get(1).note()).isEqualTo("highest of 64 p*.remoteAdapters.utilization");
        assertThat(rows.get(2).note()).isEqualTo("lowest of 64 p*.remoteAdapters.utilization");
        assertThat(rows.get(3).note()).isNull();
    }
}
