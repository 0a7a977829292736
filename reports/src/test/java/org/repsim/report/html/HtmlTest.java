package org.repsim.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void escapesEveryMarkupCharacterAndLeavesOtherTextAlone() {
        assertThat(Html.escape("a<b>&\"c'd")).isEqualTo("a&lt;b&gt;&amp;&quot;c&#39;d");
        assertThat(Html.escape("µs ± 95 % – ok")).isEqualTo("µs ± 95 % – ok");
        assertThat(Html.escape("&amp;")).isEqualTo("&amp;amp;");
        assertThat(Html.escape(null)).isEmpty();
    }

    @Test
    void headlinesFollowTheScenarioOrderWithLinksInTheirPlace() {
        assertThat(Headlines.headlines(List.of("rpo.lag.mean", "zzz.extra", "link.wan2.utilization", "host.writes",
                "link.wan.utilization", "host.write.latency.p99")))
                .containsExactly("host.write.latency.p99", "host.writes", "link.wan.utilization", "link.wan2.utilization",
                        "rpo.lag.mean");
        assertThat(Headlines.all(List.of("b.other", "a.other", "host.writes")))
                .containsExactly("host.writes", "a.other", "b.other");
    }
}
