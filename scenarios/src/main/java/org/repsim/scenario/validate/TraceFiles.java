package org.repsim.scenario.validate;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.repsim.model.trace.TraceFormat;
import org.repsim.model.trace.TraceOptions;
import org.repsim.model.trace.TraceReader;
import org.repsim.model.trace.TraceRecord;
import org.repsim.scenario.spec.Scenario;
import org.repsim.scenario.spec.Trace;
import org.repsim.scenario.spec.Workload;

/**
 * The trace files of a scenario read as the model will replay them, so that what a replay would
 * fail on is a problem of the scenario, found by {@code validate} and before {@code run} writes
 * anything: a file that is missing, cannot be read or has a malformed line (the problem at
 * {@code workloads[i].trace.path}, its message naming the trace file's line), and a trace device
 * that no volume takes (at {@code workloads[i].trace.disks}).
 *
 * <p>Each trace is read, streaming, over what the run replays: up to {@code run.duration} of
 * replay time (all of it with {@code timing: synthetic}), one pass (a looped trace repeats it).
 * The same file with the same settings is read once per {@link ScenarioSource} (the sweep points
 * of a run share their base scenario's traces).
 */
final class TraceFiles {

    /** The workload settings a scan depends on. */
    private record Scan(Path file, String format, double speed, long fromNs, Long toNs, boolean loop, String timing,
            Map<String, String> disks, List<String> volumes, String workload, long durationNs) {
    }

    /** A problem found in a trace: under {@code trace} ({@code path} or {@code disks}), and what is wrong. */
    private record Finding(String key, String message) {
    }

    /** "file:line: message", as the trace reader words a bad line. */
    private static final Pattern AT_LINE = Pattern.compile("([^:]+):([0-9]+): (.*)", Pattern.DOTALL);

    private final Map<Scan, Optional<Finding>> scanned = new HashMap<>();

    /** Checks every trace workload of {@code scenario}; {@code resolve} turns a trace path into its file. */
    void check(Scenario scenario, Function<String, Path> resolve, Problems problems) {
        for (int i = 0; i < scenario.workloads().size(); i++) {
            Workload w = scenario.workloads().get(i);
            Trace t = w.trace();
            if (t == null || t.path().isEmpty()) {
                continue;
            }
            String at = JsonPaths.key(JsonPaths.index("workloads", i), "trace");
            Path file;
            try {
                file = resolve.apply(t.path());
            } catch (InvalidPathException e) {
                problems.add(JsonPaths.key(at, "path"), "not a file path: " + e.getMessage());
                continue;
            }
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                problems.add(JsonPaths.key(at, "path"), "trace file not found: " + file);
                continue;
            }
            if (problems.hasAtOrUnder(at) || problems.hasAtOrUnder(JsonPaths.key(JsonPaths.index("workloads", i), "volumes"))) {
                continue; // settings already wrong: a scan would only repeat it
            }
            Scan scan = new Scan(file.toAbsolutePath().normalize(), t.format(), t.speed(), t.fromNs(), t.toNs(), t.loop(), t.timing(),
                    new TreeMap<>(t.disks()), List.copyOf(w.volumes()), w.id(), scenario.run().durationNs());
            scanned.computeIfAbsent(scan, TraceFiles::scan)
                    .ifPresent(f -> problems.add(JsonPaths.key(at, f.key()), f.message()));
        }
    }

    /** Reads the trace as its workload replays it; the first problem a replay would fail on, if any. */
    private static Optional<Finding> scan(Scan s) {
        // the options of the replay (build.Workloads)
        TraceOptions options = TraceOptions.defaults().withSpeed(s.speed())
                .withWindow(s.fromNs(), s.toNs() == null ? Long.MAX_VALUE : s.toNs())
                .withLoop(s.loop())
                .withTiming("synthetic".equals(s.timing()) ? TraceOptions.Timing.SYNTHETIC : TraceOptions.Timing.TRACE);
        boolean synthetic = "synthetic".equals(s.timing());
        TraceReader reader;
        try {
            reader = TraceReader.open(s.file(), TraceFormat.parse(s.format()), options);
        } catch (RuntimeException e) {
            return Optional.of(new Finding("path", "cannot read the trace file: " + message(e)));
        }
        try (reader) {
            while (reader.next()) {
                TraceRecord r = reader.record();
                if (r.pass() > 0 || (!synthetic && r.timeNs() >= s.durationNs())) {
                    break; // a loop repeats what was read; the run ends before this record
                }
                String unmapped = unmapped(s, r, reader);
                if (unmapped != null) {
                    return Optional.of(new Finding("disks", unmapped));
                }
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(new Finding("path", lineMessage(e)));
        }
    }

    /** Why the volume of {@code r} cannot be found (as {@code TraceWorkload} maps devices), or null. */
    private static String unmapped(Scan s, TraceRecord r, TraceReader reader) {
        String where = "trace device \"" + r.device() + "\" (" + reader.path().getFileName() + " line " + r.lineNumber()
                + ")";
        if (s.disks().isEmpty()) {
            int i = r.deviceIndex();
            if (i < s.volumes().size()) {
                return null;
            }
            return where + " is the trace's device #" + (i + 1) + " (devices in order of first appearance: "
                    + reader.devices() + "), but workload " + s.workload() + " has " + s.volumes().size()
                    + " volume(s) " + s.volumes() + " and without \"disks\" device k replays on volume k; map the "
                    + "trace's disk numbers to volumes with \"disks\", e.g. {\"0\": \"" + s.volumes().get(0)
                    + "\", …}, or give the workload a volume per device";
        }
        String disk = r.device().substring(r.device().lastIndexOf('/') + 1);
        if (s.disks().containsKey(r.device()) || s.disks().containsKey(disk)) {
            return null;
        }
        return where + " is not mapped to a volume: \"disks\" maps " + s.disks().keySet() + "; add \"" + disk
                + "\" (its disk number) or a window (from, to) without it";
    }

    /** A reader's "file:line: message" as "file line N: message". */
    private static String lineMessage(RuntimeException e) {
        String m = message(e);
        Matcher at = AT_LINE.matcher(m);
        return at.matches() ? at.group(1) + " line " + at.group(2) + ": " + at.group(3) : m;
    }

    private static String message(RuntimeException e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
