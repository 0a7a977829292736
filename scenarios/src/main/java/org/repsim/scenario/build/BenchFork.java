package org.repsim.scenario.build;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One reference scenario's model benchmark in a JVM of its own: the parent starts this class's
 * {@link #main} with its own JVM options and class path, and reads one line per measured run
 * from the child's output ({@code figures <name> <writes> <events> <wall s> <peak B> <live B> <cpu s>}).
 * The child's error output goes to the parent's, so a failing child says why.
 */
final class BenchFork {
    private static final String PREFIX = "figures ";
    /** The duration argument that keeps the reference's own {@code run.duration}. */
    private static final String OWN_DURATION = "-";

    private BenchFork() {
    }

    /** Runs {@link ModelBenchmark#runs} in a fresh JVM and returns its figures. */
    static List<ModelBenchmark.Figures> runs(String name, String duration, List<String> sets, int repeat) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // a debugger agent would clash over its port; everything else (heap, collector,
            // flight recording, …) is what the user asked this benchmark to run with
            if (!arg.startsWith("-agentlib:jdwp") && !arg.startsWith("-Xrunjdwp")) {
                command.add(arg);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(BenchFork.class.getName());
        command.add(name);
        command.add(duration == null ? OWN_DURATION : duration);
        command.add(Integer.toString(repeat));
        command.addAll(sets);
        List<ModelBenchmark.Figures> figures = new ArrayList<>();
        List<String> other = new ArrayList<>();
        int exit;
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            p.getOutputStream().close();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.startsWith(PREFIX)) {
                        figures.add(parse(line));
                    } else {
                        other.add(line);
                    }
                }
            }
            exit = p.waitFor();
        } catch (IOException e) {
            throw new IllegalStateException("could not start a JVM for the " + name + " benchmark: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the " + name + " benchmark ran", e);
        }
        if (exit != 0 || figures.size() != repeat) {
            throw new IllegalStateException("the JVM running the " + name + " benchmark exited with " + exit + " after "
                    + figures.size() + " of " + repeat + " runs" + (other.isEmpty() ? "" : ": " + String.join(" / ", other)));
        }
        return figures;
    }

    static String format(ModelBenchmark.Figures f) {
        return String.format(Locale.ROOT, PREFIX + "%s %d %d %.9f %d %d %.9f", f.name(), f.hostWrites(), f.events(), f.wallS(),
                f.peakHeapBytes(), f.liveHeapBytes(), f.cpuS());
    }

    static ModelBenchmark.Figures parse(String line) {
        String[] p = line.substring(PREFIX.length()).trim().split(" ");
        if (p.length != 7) {
            throw new IllegalStateException("unreadable benchmark figures: " + line);
        }
        return new ModelBenchmark.Figures(p[0], Long.parseLong(p[1]), Long.parseLong(p[2]), Double.parseDouble(p[3]),
                Long.parseLong(p[4]), Long.parseLong(p[5]), Double.parseDouble(p[6]));
    }

    /** Child side: {@code <name> <duration> <repeat> [PATH=VALUE …]}; prints one figures line per measured run. */
    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: BenchFork <reference> <duration> <repeat> [PATH=VALUE ...]");
            System.exit(2);
        }
        String duration = args[1].equals(OWN_DURATION) ? null : args[1];
        List<String> sets = List.of(args).subList(3, args.length);
        for (ModelBenchmark.Figures f : ModelBenchmark.runs(args[0], duration, sets, Integer.parseInt(args[2]))) {
            System.out.println(format(f));
        }
        System.out.flush();
    }
}
