package org.repsim.core.kernel.dsol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import nl.tudelft.simulation.dsol.formalisms.eventscheduling.SimEvent;
import org.junit.jupiter.api.Test;

/** Events scheduled through DSOL's own API share the repsim heap, its order and its clock. */
class DsolInteropTest {
    private final DsolKernel k = new DsolKernel("interop");
    private final List<String> log = new ArrayList<>();

    @Test
    void dsolStyleEventsShareTheHeapAndTheOrder() {
        k.at(20, () -> log.add(k.now() + ":repsim"));
        k.scheduleEventAbs(10L, this, "noteDsol", new Object[] {"dsol-10"});
        var cancelled = k.scheduleEventAbs(15L, this, "noteDsol", new Object[] {"dsol-15"});
        k.scheduleEvent(new SimEvent<>(30L, this, "noteDsol", new Object[] {"dsol-30"}));
        assertThat(k.cancelEvent(cancelled)).isTrue();
        k.runUntil(100);
        assertThat(log).containsExactly("10:dsol-10", "20:repsim", "30:dsol-30");
        assertThat(k.getSimulatorTime()).isEqualTo(100L);
        assertThat(k.getEventList().isEmpty()).isTrue();
    }

    /** Called by DSOL's reflective SimEvent. */
    public void noteDsol(String what) {
        log.add(k.now() + ":" + what);
    }
}
