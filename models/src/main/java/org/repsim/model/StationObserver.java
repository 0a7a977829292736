package org.repsim.model;

/** What a {@link FifoStation} reports as jobs move through it (all times in ns). */
interface StationObserver {
    /** A job arrived; {@code queued} when it has to wait (levels are after the arrival, before any start). */
    void onArrival(long nowNs, boolean queued, int waiting, int busy);

    /** A job entered service after waiting {@code waitNs}; {@code fromQueue} when it had been queued. */
    void onStart(long nowNs, long waitNs, boolean fromQueue, int waiting, int busy);

    /** A job left after {@code responseNs} in the station (wait + service). */
    void onDeparture(long nowNs, long responseNs, int waiting, int busy);
}
