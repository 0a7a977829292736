package org.repsim.scenario.build;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.repsim.core.result.TableStores;
import org.repsim.model.HostIo;
import org.repsim.model.Volume;
import org.repsim.model.trace.FileTime;
import org.repsim.scenario.spec.Scenario;

/**
 * {@code repsim run --trace-out FILE}: the host I/O of one replication as an MSR Cambridge trace
 * ({@code Timestamp,Hostname,DiskNumber,Type,Offset,Size,ResponseTime}), one line per I/O in
 * issue order, so a workload fitted from it ({@code repsim trace fit}) can be checked round trip.
 *
 * <p>The replication is run again on its own (same scenario, seed and replication, so the same
 * I/Os as in the results). Timestamp: FILETIME ticks of 2020-01-01T00:00:00Z plus the issue
 * time (whole 100 ns ticks); Hostname {@code repsim}; DiskNumber: the volume's position in the
 * scenario's volumes (box order, then volume order); Offset: bytes into the volume;
 * ResponseTime: the simulated time from issue to the host's acknowledgement, in 100 ns ticks as
 * MSR traces (and {@code MsrLineParser}) count it, rounded to the nearest tick and at least 1 for
 * an I/O that completed. An I/O still in flight when the run ends has ResponseTime 0: it has no
 * response time, and 0 is never the figure of a completed one. Lines stay in issue order: a line
 * is held until its I/O and every I/O issued before it have completed (or the run ended). The
 * file is written to a temporary name and renamed when complete.
 */
public final class HostTrace {
    /** Timestamp of simulated time 0. */
    public static final Instant ORIGIN = Instant.parse("2020-01-01T00:00:00Z");
    private static final String HOST = "repsim";

    private HostTrace() {
    }

    /** Runs replication {@code replication} of {@code sc} and writes its host I/O to {@code file}. */
    public static void write(Scenario sc, int replication, long masterSeed, Path baseDir, Path file) throws IOException {
        Map<String, Integer> disks = new LinkedHashMap<>();
        for (var b : sc.boxes()) {
            for (var v : b.volumes()) {
                disks.put(b.id() + "/" + v.id(), disks.size());
            }
        }
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        long origin = FileTime.ofInstant(ORIGIN);
        try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.US_ASCII)) {
            ScenarioModel.Built built = ScenarioModel.build(sc, replication, masterSeed, baseDir, TableStores.IN_MEMORY);
            StringBuilder line = new StringBuilder(96);
            // I/Os in issue order, each with its response time in ticks once completed (−1 before)
            ArrayDeque<HostIo> order = new ArrayDeque<>();
            Map<Long, Long> ticks = new HashMap<>();
            Consumer<HostIo> write = io -> {
                Long t = ticks.remove(io.id());
                line.setLength(0);
                line.append(origin + io.issueNs() / FileTime.NS_PER_TICK).append(',').append(HOST).append(',')
                        .append(disk(disks, io)).append(',').append(io.write() ? "Write" : "Read").append(',')
                        .append(io.offsetBytes()).append(',').append(io.sizeBytes()).append(',')
                        .append(t == null || t < 0 ? 0 : t).append('\n');
                try {
                    out.append(line);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
            built.host.addIssueListener(io -> {
                order.addLast(io);
                ticks.put(io.id(), -1L);
            });
            built.host.addCompletionListener(io -> {
                long ns = built.kernel.now() - io.issueNs();
                ticks.put(io.id(), Math.max(1, Math.round(ns / (double) FileTime.NS_PER_TICK)));
                while (!order.isEmpty() && ticks.get(order.peekFirst().id()) >= 0) {
                    write.accept(order.pollFirst());
                }
            });
            built.kernel.runUntil(sc.run().durationNs());
            // still in flight at the end: ResponseTime 0
            while (!order.isEmpty()) {
                write.accept(order.pollFirst());
            }
        } catch (UncheckedIOException e) {
            Files.deleteIfExists(tmp);
            throw e.getCause();
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static int disk(Map<String, Integer> disks, HostIo io) {
        Volume v = io.volume();
        Integer d = disks.get(v.box().name() + "/" + v.name());
        if (d == null) {
            d = disks.get(v.name());
        }
        return d == null ? disks.size() : d;
    }
}
