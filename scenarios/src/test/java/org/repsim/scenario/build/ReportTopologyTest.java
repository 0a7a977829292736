package org.repsim.scenario.build;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.repsim.scenario.spec.ScenarioException;
import org.repsim.scenario.validate.ScenarioSource;

/** The report's topology lines: one per item for a small scenario, alike items together for a large one. */
class ReportTopologyTest {

    @Test
    void aTwoBoxScenarioHasALineForEachBoxLinkPairAndWorkload() throws ScenarioException {
        var sc = ScenarioSource.read(Path.of("examples/sync-baseline.json")).resolve();
        assertThat(ReportRendering.topology(sc)).containsExactly(
                "box r1 at prod: cache 128 GiB, 8 host adapters, 1 volume(s) of 1 TiB",
                "box r2 at dr: cache 128 GiB, 8 host adapters, 1 volume(s) of 1 TiB",
                // the example sweeps the distance: its range, not the base file's 50 km
                "link wan: prod ↔ dr, 10 Gbit/s, swept: 10–200 km",
                "replication sync: r1/db → r2/db",
                "workload oltp on r1/db");
    }

    @Test
    void theSixtyFourBoxGroupIsSixLinesWithTheCountsAndTheFirstAndLastIds() throws ScenarioException {
        var sc = ModelBenchmark.reference("group64-shuttle").resolve();
        assertThat(ReportRendering.topology(sc)).containsExactly(
                "64 boxes (p0 … p63) at prod: cache 256 GiB, 16 host adapters, 1 volume(s) of 2 TiB",
                "64 boxes (s0 … s63) at dr: cache 256 GiB, 16 host adapters, 1 volume(s) of 2 TiB",
                "8 links (wan0 … wan7): prod ↔ dr, 25 Gbit/s, 100 km",
                "replication cycle, consistency shuttle: 64 pairs, p0 → s0, p1 → s1 … p63 → s63",
                "workload oltp on 64 volumes (p0/db … p63/db)",
                "workload chains on 64 volumes (p0/db … p63/db)");
    }

    @Test
    void theSummarySaysWhenTheCyclesAreRecordedOtherThanPerBox() throws ScenarioException {
        var source = ModelBenchmark.reference("group64-shuttle");
        assertThat(ReportRendering.topology(source.with("report.cycles", "per-cycle").resolve())).contains(
                "cycles.csv: one row per cycle number, the boxes' cycles summed (report.cycles per-cycle)");
        assertThat(ReportRendering.topology(source.with("report.cycles", "none").resolve())).contains(
                "cycles not recorded (report.cycles none): no cycles.csv and no cycle chart");
    }

    @Test
    void boxesThatDifferAreNotMergedAndTwoOrThreeAlikeAreNamedEach() throws ScenarioException {
        var source = ScenarioSource.read(Path.of("examples/four-boxes-host.json"));
        assertThat(ReportRendering.topology(source.resolve())).startsWith(
                "4 boxes (p1 … p4) at prod: cache 64 GiB, 8 host adapters, 1 volume(s) of 512 GiB",
                "4 boxes (s1 … s4) at dr: cache 64 GiB, 8 host adapters, 1 volume(s) of 512 GiB");
        // p4 with another cache: p1, p2 and p3 named, p4 on its own line
        assertThat(ReportRendering.topology(source.with("boxes[p4].cache.size", "32 GiB").resolve())).startsWith(
                "boxes p1, p2, p3 at prod: cache 64 GiB, 8 host adapters, 1 volume(s) of 512 GiB",
                "box p4 at prod: cache 32 GiB, 8 host adapters, 1 volume(s) of 512 GiB",
                "4 boxes (s1 … s4) at dr: cache 64 GiB, 8 host adapters, 1 volume(s) of 512 GiB");
    }

    @Test
    void linkRatesAreInBitsAndASweptValueIsShownAsTheSweptRange() throws Exception {
        var mapper = new ObjectMapper();
        var source = ScenarioSource.read(Path.of("examples/sync-baseline.json"))
                .with("links[wan].bandwidth", "75 MB/s").with("sweep", mapper.readTree("{}"));
        assertThat(ReportRendering.topology(source.resolve())).contains("link wan: prod ↔ dr, 600 Mbit/s, 50 km");
        var swept = source.with("sweep", mapper.readTree("{\"links[wan].bandwidth\": [\"200 Mbit/s\", \"600 Mbit/s\", "
                + "\"300 Mbit/s\"]}")).resolve();
        assertThat(ReportRendering.topology(swept)).contains("link wan: prod ↔ dr, swept: 200–600 Mbit/s, 50 km");
        // by position, across units, and by variants (one keeps the base value)
        var byIndex = source.with("sweep", mapper.readTree("{\"links[0].bandwidth\": [\"500 Mbit/s\", \"250 MB/s\"]}")).resolve();
        assertThat(ReportRendering.topology(byIndex)).contains("link wan: prod ↔ dr, swept: 500 Mbit/s–2 Gbit/s, 50 km");
        var variants = source.with("sweep", mapper.readTree("{\"variants\": [{\"name\": \"slow\", \"set\": "
                + "{\"links[wan].bandwidth\": \"100 Mbit/s\"}}, {\"name\": \"base\", \"set\": {}}]}")).resolve();
        assertThat(ReportRendering.topology(variants)).contains("link wan: prod ↔ dr, swept: 100–600 Mbit/s, 50 km");
        var cache = source.with("sweep", mapper.readTree("{\"boxes[r1].cache.size\": [\"32 GiB\", \"64 GiB\"]}")).resolve();
        assertThat(ReportRendering.topology(cache)).contains(
                "box r1 at prod: cache swept: 32–64 GiB, 8 host adapters, 1 volume(s) of 1 TiB");
    }

    @Test
    void theResolvedScenarioWritesLinkAndPortRatesInBitsWhateverTheFileWrote() throws ScenarioException {
        var source = ScenarioSource.read(Path.of("examples/sync-baseline.json"));
        var inBytes = source.with("links[wan].bandwidth", "75 MB/s").resolve().toResolvedJson();
        var inBits = source.with("links[wan].bandwidth", "600 Mbit/s").resolve().toResolvedJson();
        assertThat(inBytes.get("links").get(0).get("bandwidth").asText()).isEqualTo("600 Mbit/s");
        // canonical: the same text however the value was written, so resume and merge still compare equal
        assertThat(inBytes).isEqualTo(inBits);
        assertThat(inBytes.get("boxes").get(0).get("hostAdapters").get("portSpeed").asText()).endsWith("bit/s");
        // other rates keep the smallest exact number of their unit
        assertThat(inBytes.get("boxes").get(0).get("backend").get(0).get("throughput").asText()).doesNotContain("bit/s");
    }
}
