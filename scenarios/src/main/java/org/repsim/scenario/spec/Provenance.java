package org.repsim.scenario.spec;

/**
 * What produced a result, written by {@code repsim run} into {@code scenario.resolved.json}
 * (docs/scenario-format.md "What a run writes"). Reading a scenario accepts it and ignores it: the file stays a
 * runnable scenario.
 */
@Doc("Written by repsim run into scenario.resolved.json: the tool version and seeds behind a result; ignored when read.")
public record Provenance(
        @Doc("repsim version that ran the scenario.") String version,
        @Doc("Master seed of the run (run.seed, or --seed).") long masterSeed,
        @Doc("How the random streams derive from the master seed.") String seeding) {

    /** Stream seeds derive from (master seed, replication index, component name) [docs/model.md §8.5]. */
    public static final String SEEDING = "each component's stream is seeded from (masterSeed, replication index, "
            + "stream name); replication r of every sweep point uses the same streams (common random numbers)";
}
