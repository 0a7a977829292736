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

    /** Solid-state device: {@code latencyNs + ceil(bytes / throughputBps)}. */
    static DiskModel ssd(long latencyNs, double throughputBps) {
        if (latencyNs < 0) {
            throw new IllegalArgumentException("ssd latency must be ≥ 0 ns: " + latencyNs);
        }
        Durations.transferNs(0, throughputBps);
        return bytes -> latencyNs + Durations.transferNs(bytes, throughputBps);
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
