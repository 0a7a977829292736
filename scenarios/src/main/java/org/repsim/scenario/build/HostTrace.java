package org.repsim.scenario.build;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * response time, and 0 is never the figure of a completed one.
 *
 * <p>Memory: besides the I/Os in flight (which the model holds anyway), 2 MiB, however long a
 * stall. Lines are in issue order (a trace whose
 * time goes back is refused by repsim's own trace readers: README, "Planner tools"), but an I/O's response
 * time is known only at its completion, and while one I/O is stalled (a sync pair waiting for its
 * link, a paced cycle session) every later one would have to wait for it: holding those lines in
 * memory took over 100 bytes each, and a 20 s stall at 3000 I/O/s held 60 000 of them, a 60 s
 * one at 20 000 I/O/s 1.2 million (README, "Planner tools"). So the run writes each I/O's first
 * six fields at its issue to {@code FILE.lines.tmp}, and its response time at its completion into
 * slot <i>i</i> (its issue position) of {@code FILE.ticks.tmp}, 8 bytes each, through a few
 * pages kept in memory ({@link Ticks}); a slot never written reads 0, the figure of an I/O in
 * flight at the end. Then one pass joins the two into the trace, written to {@code FILE.part}
 * and renamed when complete; the temporary files are removed.
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
        Path linesFile = file.resolveSibling(file.getFileName() + ".lines.tmp");
        Path ticksFile = file.resolveSibling(file.getFileName() + ".ticks.tmp");
        long origin = FileTime.ofInstant(ORIGIN);
        try {
            long count;
            try (BufferedWriter lines = Files.newBufferedWriter(linesFile, StandardCharsets.US_ASCII);
                    Ticks ticks = new Ticks(ticksFile)) {
                ScenarioModel.Built built = ScenarioModel.build(sc, replication, masterSeed, baseDir, TableStores.IN_MEMORY);
                StringBuilder line = new StringBuilder(96);
                // issue position of each I/O in flight (the model holds these I/Os anyway)
                Map<Long, Long> position = new HashMap<>();
                long[] issued = {0};
                built.host.addIssueListener(io -> {
                    position.put(io.id(), issued[0]++);
                    line.setLength(0);
                    line.append(origin + io.issueNs() / FileTime.NS_PER_TICK).append(',').append(HOST).append(',')
                            .append(disk(disks, io)).append(',').append(io.write() ? "Write" : "Read").append(',')
                            .append(io.offsetBytes()).append(',').append(io.sizeBytes()).append('\n');
                    try {
                        lines.append(line);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                built.host.addCompletionListener(io -> {
                    long ns = built.kernel.now() - io.issueNs();
                    Long at = position.remove(io.id());
                    if (at != null) {
                        ticks.put(at, Math.max(1, Math.round(ns / (double) FileTime.NS_PER_TICK)));
                    }
                });
                built.kernel.runUntil(sc.run().durationNs());
                count = issued[0];
            }
            join(linesFile, ticksFile, count, tmp);
        } catch (UncheckedIOException e) {
            Files.deleteIfExists(tmp);
            throw e.getCause();
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        } finally {
            Files.deleteIfExists(linesFile);
            Files.deleteIfExists(ticksFile);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The trace: line i of {@code linesFile} with slot i of {@code ticksFile} (0 past its end) as ResponseTime. */
    private static void join(Path linesFile, Path ticksFile, long count, Path out) throws IOException {
        try (BufferedReader lines = Files.newBufferedReader(linesFile, StandardCharsets.US_ASCII);
                DataInputStream ticks = new DataInputStream(new BufferedInputStream(Files.newInputStream(ticksFile), 1 << 16));
                BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.US_ASCII)) {
            long slots = Files.size(ticksFile) / Long.BYTES;
            for (long i = 0; i < count; i++) {
                String line = lines.readLine();
                if (line == null) {
                    throw new IOException(linesFile + " ends after " + i + " of " + count + " lines");
                }
                w.write(line);
                w.write(',');
                w.write(Long.toString(i < slots ? ticks.readLong() : 0));
                w.write('\n');
            }
        }
    }

    /**
     * Response times by issue position, in a file of 8-byte slots (0: not completed), with
     * {@link #PAGES} pages of {@link #SLOTS} slots in memory (2 MiB), the least recently used
     * written back when another is needed. Completions come near the newest issues, or, when a
     * stall ends, in order from its oldest: either way one page serves many of them.
     */
    static final class Ticks implements Closeable {
        static final int SLOTS = 1 << 16;
        static final int PAGES = 4;
        private final FileChannel channel;
        private final long[] pageOf = new long[PAGES];
        private final long[] lastUse = new long[PAGES];
        private final boolean[] dirty = new boolean[PAGES];
        private final ByteBuffer[] pages = new ByteBuffer[PAGES];
        private long uses;
        /** Page loads from the file (pages not in memory when a completion came): for tests. */
        long loads;

        Ticks(Path file) throws IOException {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
            java.util.Arrays.fill(pageOf, -1);
            for (int i = 0; i < PAGES; i++) {
                pages[i] = ByteBuffer.allocate(SLOTS * Long.BYTES);
            }
        }

        void put(long slot, long ticks) {
            long page = slot / SLOTS;
            int p = 0;
            while (p < PAGES && pageOf[p] != page) {
                p++;
            }
            try {
                if (p == PAGES) {
                    p = 0;
                    for (int i = 1; i < PAGES; i++) {
                        p = lastUse[i] < lastUse[p] ? i : p;
                    }
                    writeBack(p);
                    load(p, page);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            lastUse[p] = ++uses;
            dirty[p] = true;
            pages[p].putLong((int) (slot % SLOTS) * Long.BYTES, ticks);
        }

        private void load(int p, long page) throws IOException {
            ByteBuffer b = pages[p];
            b.clear();
            java.util.Arrays.fill(b.array(), (byte) 0);
            long at = page * SLOTS * Long.BYTES;
            while (b.hasRemaining() && at + b.position() < channel.size()) {
                if (channel.read(b, at + b.position()) < 0) {
                    break;
                }
            }
            pageOf[p] = page;
            dirty[p] = false;
            if (at < channel.size()) {
                loads++;
            }
        }

        private void writeBack(int p) throws IOException {
            if (pageOf[p] < 0 || !dirty[p]) {
                return;
            }
            ByteBuffer b = pages[p];
            b.clear();
            long at = pageOf[p] * SLOTS * Long.BYTES;
            while (b.hasRemaining()) {
                channel.write(b, at + b.position());
            }
            dirty[p] = false;
        }

        @Override
        public void close() throws IOException {
            try {
                for (int p = 0; p < PAGES; p++) {
                    writeBack(p);
                }
            } finally {
                channel.close();
            }
        }
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
