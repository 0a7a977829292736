package org.repsim.model.consistency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.repsim.model.consistency.GroupFixture.MS;
import static org.repsim.model.consistency.GroupFixture.US;

import java.util.ArrayList;
import java.util.List;
import org.repsim.core.result.Metric;
import org.junit.jupiter.api.Test;
import org.repsim.model.consistency.rules.AckRule;

/**
 * The shuttle ring's emit targets held in its own fields (copied when the registry is sealed):
 * a sealed group records exactly the figures of an unsealed one, and a listener subscribed after
 * the seal hears every value emitted from then on.
 */
class ShuttleRingSealTest {

    private static GroupFixture fixture() {
        GroupFixture.Knobs k = new GroupFixture.Knobs();
        k.mode = ConsistencyMode.SHUTTLE;
        k.ack = AckRule.AFTER_ROUND;
        k.seed = 41;
        k.streams = 32;
        k.thinkNs = 200 * US;
        return new GroupFixture(k);
    }

    /** (time, value) of every value {@code name} emits from the moment of the call. */
    private static List<String> listen(GroupFixture f, String name) {
        List<String> heard = new ArrayList<>();
        f.signals.find(name).subscribe((t, v) -> heard.add(t + " " + v));
        return heard;
    }

    @Test
    void aSealedGroupRecordsTheFiguresOfAnUnsealedOne() {
        GroupFixture unsealed = fixture();
        GroupFixture sealed = fixture();
        sealed.signals.seal();
        for (GroupFixture f : List.of(unsealed, sealed)) {
            f.dependentWrites(0, 200 * MS);
            f.runUntil(300 * MS);
        }
        List<Metric> expected = unsealed.recording.metrics(300 * MS);
        assertThat(expected).extracting(Metric::name).contains("shuttle.ack.latency.mean", "shuttle.closed.latency.p99",
                "shuttle.applied.latency.max", "shuttle.numbersClosed", "shuttle.commit.wait.mean");
        assertThat(sealed.recording.metrics(300 * MS)).containsExactlyElementsOf(expected);
    }

    @Test
    void aListenerSubscribedAfterTheSealHearsEveryLaterValue() {
        GroupFixture f = fixture();
        String[] names = {"shuttle.g.ackLatency", "shuttle.g.closedLatency", "shuttle.g.numbersClosed"};
        List<List<String>> early = new ArrayList<>();
        for (String n : names) {
            early.add(listen(f, n));
        }
        f.signals.seal();
        List<List<String>> late = new ArrayList<>();
        f.kernel.at(100 * MS, () -> {
            for (String n : names) {
                late.add(listen(f, n));
            }
        });
        f.dependentWrites(0, 200 * MS);
        f.runUntil(300 * MS);
        for (int i = 0; i < names.length; i++) {
            List<String> all = early.get(i);
            List<String> after = late.get(i);
            assertThat(after).as(names[i]).isNotEmpty().hasSizeLessThan(all.size());
            // the late listener heard the values emitted from its subscription on: a suffix of the early one's
            assertThat(all.subList(all.size() - after.size(), all.size())).as(names[i]).isEqualTo(after);
            assertThat(Long.parseLong(after.get(0).split(" ")[0])).as(names[i]).isGreaterThanOrEqualTo(100 * MS);
        }
    }
}
