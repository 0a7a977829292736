package org.repsim.scenario.spec;

import static org.repsim.scenario.spec.Units.Kind.*;

import java.util.List;
import java.util.Map;

/** A scheduled fault or disaster (docs/model.md §7). */
@Discriminator("kind")
@Doc("A fault: link-down, link-degrade, processor-slowdown or disaster.")
public sealed interface Fault permits Fault.LinkDown, Fault.LinkDegrade, Fault.ProcessorSlowdown, Fault.Disaster {

    /** When the fault starts, ns of simulated time. */
    long atNs();

    @Variant("link-down")
    record LinkDown(
            @Quantity(TIME) @Doc("Start.") long atNs,
            @Doc("Link id.") String link,
            @Positive @Quantity(TIME) @Doc("How long the link stays down.") long forNs) implements Fault {
    }

    @Variant("link-degrade")
    record LinkDegrade(
            @Quantity(TIME) @Doc("Start.") long atNs,
            @Doc("Link id.") String link,
            @Positive @Fraction @Doc("Share of the bandwidth that remains.") double factor,
            @Positive @Quantity(TIME) @Doc("Duration.") long forNs) implements Fault {
    }

    @Variant("processor-slowdown")
    record ProcessorSlowdown(
            @Quantity(TIME) @Doc("Start.") long atNs,
            @Doc("Box id.") String box,
            @Doc("hostAdapters, remoteAdapters, prepare or sender (the ordered engine's pools on this box), or the id of one of the box's processors.") String pool,
            @Min(1) @Doc("Service times are multiplied by this factor.") double factor,
            @Positive @Quantity(TIME) @Doc("Duration.") long forNs) implements Fault {
    }

    /** The site is lost at {@code atNs}; the simulator measures the data lost (docs/model.md §7). */
    @Variant("disaster")
    record Disaster(
            @Quantity(TIME) @Doc("When the site is lost.") long atNs,
            @Doc("Site id: a site holding a primary box loses the writes the secondary image lacks; a site holding only secondary boxes loses nothing and leaves the primary unprotected (disaster.unprotected). One disaster per scenario: the run ends at it.") String site) implements Fault {
    }
}
