package org.repsim.scenario.spec;

import static org.repsim.scenario.spec.Units.Kind.*;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A validated scenario with every default filled in (docs/scenario-format.md). Quantities are in base
 * units: times in ns, sizes in bytes, data rates in bytes/s, event rates per second, distances in m.
 */
@Doc("A repsim scenario: topology, workloads, replication, faults, sweep and report settings.")
public record Scenario(
        @Doc("Short name used in reports and summary.json.") String name,
        @OptionalKey @Doc("Free text.") String description,
        @Doc("Run length, warm-up, replications and seed.") Run run,
        @NonEmpty @Doc("Places; links join sites.") List<Site> sites,
        @NonEmpty @Doc("Storage systems.") List<Box> boxes,
        @Default("[]") @Doc("WAN links between sites.") List<Link> links,
        @OptionalKey @Doc("Replication between boxes; absent: no replication.") Replication replication,
        @Default("[]") @Doc("Host I/O generators.") List<Workload> workloads,
        @Default("[]") @Doc("Scheduled faults and disasters.") List<Fault> faults,
        @Default("{}") @Doc("Sweep path (e.g. links[wan].bandwidth) → list of values, and \"variants\": named sets of path → value; the run matrix is their cross product.")
        Map<String, List<JsonNode>> sweep,
        @Default("{}") @Doc("What to report.") Report report,
        @OptionalKey @Doc("Written by repsim run into scenario.resolved.json (tool version and seeds); ignored when read.")
        Provenance repsim) {

    /** The key of the JSON Schema that scenario files may name in "$schema". */
    public static final String SCHEMA_ID = "https://repsim.dev/schema/scenario-1.json";

    public Scenario {
        sites = List.copyOf(sites);
        boxes = List.copyOf(boxes);
        links = List.copyOf(links);
        workloads = List.copyOf(workloads);
        faults = List.copyOf(faults);
        sweep = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sweep));
    }

    /** The resolved scenario as JSON, every default written out, quantities with units. */
    public ObjectNode toResolvedJson() {
        return ResolvedWriter.write(this);
    }

    /** This scenario as {@code repsim run} stores it: resolved, with the provenance of the result. */
    public Scenario withProvenance(Provenance provenance) {
        return new Scenario(name, description, run, sites, boxes, links, replication, workloads, faults, sweep, report,
                provenance);
    }

    public Box box(String id) {
        return boxes.stream().filter(b -> b.id().equals(id)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("no box '" + id + "'"));
    }

    public Site site(String id) {
        return sites.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("no site '" + id + "'"));
    }

    /** The links a pair uses: those it names, or every link joining the two boxes' sites. */
    public List<Link> linksOf(Pair pair) {
        if (!pair.links().isEmpty()) {
            return pair.links().stream().map(this::link).toList();
        }
        java.util.Set<String> sites = new java.util.HashSet<>(List.of(box(pair.primaryBox()).site(), box(pair.secondaryBox()).site()));
        return links.stream().filter(l -> new java.util.HashSet<>(l.between()).equals(sites)).toList();
    }

    /** The volume named by a "box/volume" reference. */
    public Volume volume(String ref) {
        int slash = ref.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + ref + "' is not a box/volume reference");
        }
        return box(ref.substring(0, slash)).volume(ref.substring(slash + 1));
    }

    public Link link(String id) {
        return links.stream().filter(l -> l.id().equals(id)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("no link '" + id + "'"));
    }
}
