package org.repsim.scenario.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class ScenarioPathTest {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private static ObjectNode tree() throws Exception {
        return (ObjectNode) new ObjectMapper().readTree("""
                { "run": { "duration": "1 min" },
                  "links": [ { "id": "wan", "bandwidth": "1 Gbit/s" }, { "id": "lan", "bandwidth": "10 Gbit/s" } ],
                  "boxes": [ { "id": "r1a", "cache": { "size": "1 GiB" } }, { "id": "r1b", "like": "r1a" } ] }
                """);
    }

    @Test
    void parsesKeysAndSelectors() {
        assertThat(ScenarioPath.parse("links[wan].bandwidth").steps()).containsExactly(
                new ScenarioPath.Step("links", null), new ScenarioPath.Step(null, "wan"), new ScenarioPath.Step("bandwidth", null));
        assertThat(ScenarioPath.parse("replication.cycle.minCycleTime").steps()).hasSize(3);
    }

    @Test
    void badSyntaxIsRejected() {
        assertThatThrownBy(() -> ScenarioPath.parse("links..bandwidth")).hasMessageContaining("empty key");
        assertThatThrownBy(() -> ScenarioPath.parse("[0].x")).hasMessageContaining("selector");
        assertThatThrownBy(() -> ScenarioPath.parse("links[wan]bandwidth")).hasMessageContaining("expected '.'");
        assertThatThrownBy(() -> ScenarioPath.parse("")).hasMessageContaining("empty path");
    }

    @Test
    void readsByIdAndByIndex() throws Exception {
        ObjectNode t = tree();
        assertThat(ScenarioPath.parse("links[lan].bandwidth").read(t).asText()).isEqualTo("10 Gbit/s");
        assertThat(ScenarioPath.parse("links[0].bandwidth").read(t).asText()).isEqualTo("1 Gbit/s");
        assertThat(ScenarioPath.parse("boxes[r1a].cache.size").read(t).asText()).isEqualTo("1 GiB");
    }

    @Test
    void writeReplacesAValueAndCreatesBlocksLeftToDefaults() throws Exception {
        ObjectNode t = tree();
        ScenarioPath.parse("links[wan].bandwidth").write(t, JSON.textNode("4 Gbit/s"));
        ScenarioPath.parse("run.replications").write(t, JSON.numberNode(10));
        ScenarioPath.parse("replication.ordered.ordering").write(t, JSON.textNode("off"));
        ScenarioPath.parse("boxes[r1b].cache.size").write(t, JSON.textNode("2 GiB"));
        assertThat(t.at("/links/0/bandwidth").asText()).isEqualTo("4 Gbit/s");
        assertThat(t.at("/run/replications").intValue()).isEqualTo(10);
        assertThat(t.at("/replication/ordered/ordering").asText()).isEqualTo("off");
        assertThat(t.at("/boxes/1/cache/size").asText()).isEqualTo("2 GiB");
        assertThat(t.at("/links/1/bandwidth").asText()).isEqualTo("10 Gbit/s");
    }

    @Test
    void aSelectorMatchingNoElementIsAnErrorWithSuggestion() throws Exception {
        ObjectNode t = tree();
        assertThatThrownBy(() -> ScenarioPath.parse("links[wna].bandwidth").write(t, JSON.textNode("1 Gbit/s")))
                .hasMessageContaining("no element with id 'wna' in links")
                .hasMessageContaining("did you mean 'wan'?");
        assertThatThrownBy(() -> ScenarioPath.parse("links[5].bandwidth").read(t))
                .hasMessageContaining("has 2 element(s), no index 5");
    }

    @Test
    void formatCheckRejectsUnknownKeysAndAcceptsVariantKeys() {
        ScenarioPath.parse("links[wan].bandwidth").checkAgainstFormat();
        ScenarioPath.parse("workloads[oltp].arrival.rate").checkAgainstFormat();
        ScenarioPath.parse("workloads[0].arrival.streams").checkAgainstFormat();
        ScenarioPath.parse("boxes[r1a].cache.size").checkAgainstFormat();
        ScenarioPath.parse("workloads[x].trace.disks.0").checkAgainstFormat();
        assertThatThrownBy(() -> ScenarioPath.parse("links[wan].bandwith").checkAgainstFormat())
                .hasMessageContaining("matches nothing: no key 'bandwith' in links[wan]")
                .hasMessageContaining("did you mean 'bandwidth'?");
        assertThatThrownBy(() -> ScenarioPath.parse("replication.cycle.minCycleTime.x").checkAgainstFormat())
                .hasMessageContaining("is a single value");
        assertThatThrownBy(() -> ScenarioPath.parse("run[0]").checkAgainstFormat())
                .hasMessageContaining("run is not a list");
    }
}
