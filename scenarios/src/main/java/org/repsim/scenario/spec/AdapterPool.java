package org.repsim.scenario.spec;

import static org.repsim.scenario.spec.Units.Kind.*;

/**
 * A pool of adapters (host or remote ports) with one FIFO queue: each I/O or transfer costs the
 * service time (per-I/O overhead) plus its bytes ÷ the port speed (docs/model.md §1).
 */
public record AdapterPool(
        @Positive @Default("1") @Doc("Number of adapters (ports).") int count,
        @Quantity(TIME) @Default("\"10 us\"") @Doc("Overhead per I/O or transfer (a time or a distribution).") Distribution serviceTime,
        @Quantity(value = DATA_RATE, bits = true) @Default("\"16 Gbit/s\"") @Doc("Port speed: an I/O or transfer of b bytes also costs b / portSpeed; 0 bit/s: no per-byte cost.") double portSpeedBps) {
}
