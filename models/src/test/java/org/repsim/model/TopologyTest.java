package org.repsim.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.repsim.core.kernel.SimulationKernel;
import org.repsim.core.kernel.dsol.DsolKernel;
import org.repsim.core.random.Distributions;
import org.repsim.core.signal.Signals;

class TopologyTest {
    private final SimulationKernel kernel = DsolKernel.create();
    private final Signals signals = new Signals();

    @Test
    void findsSitesBoxesAndLinksByNameAndRejectsUnknownOnes() {
        Topology t = new Topology();
        Site a = t.addSite("a");
        Site b = t.addSite("b");
        Site c = t.addSite("c");
        Box box = t.addBox(new Box(kernel, signals, "r1", a, new Box.PoolConfig(1, Distributions.deterministic(1)),
                new Box.PoolConfig(1, Distributions.deterministic(1)), new Box.CacheConfig(1 << 20, 1 << 17, 0.5, 1),
                List.of(new DiskGroup(kernel, signals, "box.r1.dg", 1, DiskModel.ssd(1, 1e9), 1))));
        WanLink ab = t.addLink("ab", new WanLink(kernel, signals, "link.ab", a, b, LinkConfig.of(1e9, 1)));
        assertThat(t.site("b")).isEqualTo(b);
        assertThat(t.box("r1")).isSameAs(box);
        assertThat(t.linkBetween(b, a)).isSameAs(ab);
        assertThat(t.sites()).containsExactly(a, b, c);
        assertThatThrownBy(() -> t.linkBetween(a, c)).hasMessageContaining("no link joins sites a and c");
        assertThatThrownBy(() -> t.box("r2")).hasMessageContaining("unknown box: r2 (known: [r1])");
        assertThatThrownBy(() -> t.addSite("a")).hasMessageContaining("twice");
        assertThatThrownBy(() -> t.addLink("x", new WanLink(kernel, signals, "link.x", a, new Site("z"), LinkConfig.of(1, 1))))
                .hasMessageContaining("unknown site: z");
    }
}
