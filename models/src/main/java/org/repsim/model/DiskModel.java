package org.repsim.model;

import org.repsim.core.random.Sampler;

/**
 * Service time of one device operation (docs/model.md §1 back end), in ns.
 *
 * <ul>
 *   <li>{@code ssd}: fixed latency + bytes / throughput;</li>
 *   <li>{@code hdd}: seek (sampled) + half a rotation (60/rpm/2 s) + bytes / transfer rate.</li>
 * </ul>
 * Transfer times follow {@link Durations#transferNs} (rounded up to the ns).
 */
public interface DiskModel {

    /** Service time in ns of one operation moving {@code bytes}. */
    long serviceNs(long bytes);

    /**
     * True when {@link #serviceNs} is a function of the bytes alone (no sampled part, no state):
     * a caller may then compute it once for operations of equal size, which gives the same times.
     * False by default, so a model that samples is asked once per operation.
     */
    default boolean bytesAlone() {
        return false;
    }

    /** Solid-state device: {@code latencyNs + ceil(bytes / throughputBps)}. */
    static DiskModel ssd(long latencyNs, double throughputBps) {
        if (latencyNs < 0) {
            throw new IllegalArgumentException("ssd latency must be ≥ 0 ns: " + latencyNs);
        }
        Durations.transferNs(0, throughputBps);
        return new DiskModel() {
            @Override
            public long serviceNs(long bytes) {
                return latencyNs + Durations.transferNs(bytes, throughputBps);
            }

            @Override
            public boolean bytesAlone() {
                return true;
            }
        };
    }

    /** Rotating disk: {@code seek + 30/rpm s + ceil(bytes / transferBps)}; half a rotation rounded to the ns. */
    static DiskModel hdd(Sampler seekNs, double rpm, double transferBps) {
        if (!(rpm > 0) || Double.isInfinite(rpm)) {
            throw new IllegalArgumentException("hdd rpm must be positive: " + rpm);
        }
        Durations.transferNs(0, transferBps);
        long halfRotationNs = Math.round(30e9 / rpm);
        return bytes -> seekNs.sampleLong() + halfRotationNs + Durations.transferNs(bytes, transferBps);
    }
}
