package org.repsim.scenario.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.repsim.scenario.run.ExperimentPlan;
import org.repsim.scenario.run.ResultStoreException;
import org.repsim.scenario.run.ShardRun;
import org.repsim.scenario.run.Sharding;
import org.repsim.scenario.spec.Scenario;
import org.repsim.scenario.spec.ScenarioException;
import org.repsim.scenario.validate.ScenarioSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code repsim slurm SCENARIO -o DIR --tasks N}: a run as a Slurm array job of N tasks, task K
 * running {@code repsim run --shard K/N} (K from {@code SLURM_ARRAY_TASK_ID}), and a merge job
 * that runs {@code repsim merge DIR} once every task has succeeded ({@code afterok}).
 *
 * <p>The run directory is prepared here ({@code run.json} with the sharding, and
 * {@code scenario.resolved.json}), so a task started from an edited scenario is refused. Tasks
 * run with {@code --resume}: a task resubmitted alone ({@code sbatch --array=K run.sbatch}), or
 * requeued by Slurm, reruns only its replications that are not complete.
 */
@Command(name = "slurm", mixinStandardHelpOptions = true, versionProvider = Repsim.Version.class,
        description = "Write DIR/slurm/run.sbatch (an array job of N tasks, each `repsim run --shard "
                + "env:SLURM_ARRAY_TASK_ID/N`) and DIR/slurm/merge.sbatch (`repsim merge DIR`, after the array "
                + "succeeds); print the sbatch commands, or submit both with --submit.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:success", "1:sbatch failed", "2:invalid scenario or command line"})
final class SlurmCommand implements Callable<Integer> {
    static final String SLURM_DIR = "slurm";
    static final String RUN_SCRIPT = "run.sbatch";
    static final String MERGE_SCRIPT = "merge.sbatch";
    /** Characters that cannot appear in a path on an {@code #SBATCH} line. */
    /** An sbatch --mem value: a whole number and an optional unit. */
    private static final Pattern MEM = Pattern.compile("([0-9]{1,12})([KMGTkmgt]?)");
    private static final Pattern UNSAFE_IN_DIRECTIVE = Pattern.compile("[\\s%\"'\\\\]");

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "Scenario JSON file (on a file system the nodes share).")
    Path scenarioFile;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", required = true,
            description = "Output directory, on a file system every node shares.")
    Path output;

    @Option(names = "--tasks", paramLabel = "N", required = true, description = "Array tasks (shards).")
    int tasks;

    @Option(names = "--partition", paramLabel = "P", description = "Slurm partition (sbatch --partition).")
    String partition;

    @Option(names = "--time", paramLabel = "T", description = "Time limit per task and for the merge (sbatch --time), e.g. 2:00:00.")
    String time;

    @Option(names = "--cpus-per-task", paramLabel = "C",
            description = "CPUs per task; a task runs its replications on that many threads (default: 1).")
    Integer cpusPerTask;

    @Option(names = "--mem", paramLabel = "M",
            description = "Memory per task (sbatch --mem, e.g. 8G); the JVM may then use 75 %% of it as heap.")
    String mem;

    @Option(names = "--java", paramLabel = "J",
            description = "Java command on the nodes (default: the java running this command, ${sys:java.home}/bin/java).")
    String java;

    @Option(names = "--submit", description = "Submit both jobs with sbatch and print their job ids.")
    boolean submit;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "As for `repsim run`; passed to every task. Repeatable.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "N", description = "Master seed (overrides run.seed).")
    Long seed;

    @Option(names = "--replications", paramLabel = "N", description = "Replications per point (overrides run.replications).")
    Integer replications;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (tasks < 1) {
            throw new ParameterException(spec.commandLine(), "--tasks must be at least 1, found " + tasks);
        }
        if (cpusPerTask != null && cpusPerTask < 1) {
            throw new ParameterException(spec.commandLine(), "--cpus-per-task must be at least 1, found " + cpusPerTask);
        }
        Path dir = output.toAbsolutePath().normalize();
        if (UNSAFE_IN_DIRECTIVE.matcher(dir.toString()).find()) {
            throw new ParameterException(spec.commandLine(), "-o " + output + ": the output directory appears on "
                    + "#SBATCH lines, which cannot hold blanks, quotes, '%' or '\\'; choose another path");
        }
        long memBytes = mem == null ? 0 : memBytes(mem);
        Path scenario = scenarioFile.toAbsolutePath().normalize();
        ExperimentPlan plan;
        RunRequest request;
        try {
            request = experiment(scenario, dir);
            plan = RunLauncher.plan(request);
        } catch (ScenarioException e) {
            ProblemPrinter.print(e, err);
            return ExitCodes.INVALID;
        }
        long pairs = (long) plan.points().size() * plan.replications();
        if (tasks > pairs) {
            // a task beyond the number of (point, replication) pairs would have nothing to run: cap, and say so
            err.println("repsim slurm: --tasks " + tasks + " but the run has only " + pairs + " (point, replication) "
                    + "pair" + (pairs == 1 ? "" : "s") + " (" + plan.points().size() + " point"
                    + (plan.points().size() == 1 ? "" : "s") + " × " + plan.replications() + " replication"
                    + (plan.replications() == 1 ? "" : "s") + "): using " + pairs + " task" + (pairs == 1 ? "" : "s")
                    + "; the other " + (tasks - pairs) + " would have nothing to run");
            err.flush();
            tasks = (int) pairs;
        }
        if (memBytes > 0) {
            // a task whose caches cannot fill in its heap would stop hours into the job: say so before it is submitted
            HeapCheck.warning(request.points(), request.scenario().run().replications(),
                    cpusPerTask == null ? 1 : cpusPerTask, HeapCheck.Heap.ofSlurmTask(memBytes, mem)).ifPresent(warning -> {
                        err.println(warning);
                        err.flush();
                    });
        }
        Path slurm = dir.resolve(SLURM_DIR);
        Path runScript = slurm.resolve(RUN_SCRIPT);
        Path mergeScript = slurm.resolve(MERGE_SCRIPT);
        try {
            ShardRun.prepare(plan, dir, new Sharding(tasks));
            Files.createDirectories(slurm);
            List<String> repsim = repsimCommand(java != null ? java : defaultJava(), mem != null);
            writeScript(runScript, runScript(plan.scenarioName(), repsim, scenario, dir));
            writeScript(mergeScript, mergeScript(plan.scenarioName(), repsim, dir));
        } catch (ResultStoreException e) {
            err.println("repsim slurm: " + e.getMessage());
            err.flush();
            return ExitCodes.INVALID;
        } catch (IOException e) {
            err.println("repsim slurm: cannot write the job scripts in " + slurm + ": " + e.getMessage());
            err.flush();
            return ExitCodes.INVALID;
        }
        PrintStream out = Repsim.stdout(spec);
        out.println("wrote " + runScript + " (array job of " + tasks + " tasks: task K runs shard K of " + tasks
                + ") and " + mergeScript);
        if (!submit) {
            out.println("submit both (the merge starts once every task has succeeded):");
            out.println(byHand(runScript, mergeScript));
        } else {
            String arrayJob = null;
            try {
                arrayJob = sbatch(List.of(sbatchCommand, "--parsable", runScript.toString()));
                out.println("array job " + arrayJob + " submitted: " + tasks + " tasks");
                String mergeJob = sbatch(List.of(sbatchCommand, "--parsable", "--dependency=afterok:" + arrayJob,
                        mergeScript.toString()));
                out.println("merge job " + mergeJob + " submitted: runs after job " + arrayJob + " succeeds");
            } catch (IOException e) {
                out.flush();
                err.println("repsim slurm: " + e.getMessage());
                if (arrayJob == null) {
                    err.println("the scripts are written; submit both by hand once sbatch works (the merge starts once "
                            + "every task has succeeded):");
                    err.println(byHand(runScript, mergeScript));
                } else {
                    err.println("array job " + arrayJob + " is submitted; submit the merge by hand once sbatch works:");
                    err.println("  sbatch --dependency=afterok:" + arrayJob + " " + Shell.quote(mergeScript.toString()));
                }
                err.flush();
                return ExitCodes.FAILURE;
            }
        }
        out.println("progress: repsim status " + Shell.quote(dir.toString()) + "; rerun failed tasks alone with "
                + "sbatch --array=K,... " + Shell.quote(runScript.toString())
                + " (they skip their complete replications), then repsim merge " + Shell.quote(dir.toString()));
        out.flush();
        return ExitCodes.OK;
    }

    /** The two commands that submit the array job and, depending on it, the merge. */
    private static String byHand(Path runScript, Path mergeScript) {
        return "  jobid=$(sbatch --parsable " + Shell.quote(runScript.toString()) + ")\n"
                + "  sbatch --dependency=afterok:${jobid%%;*} " + Shell.quote(mergeScript.toString());
    }

    /**
     * Bytes of an sbatch {@code --mem} value: a whole number with an optional unit K, M (the default),
     * G or T, powers of 1024 as Slurm reads them; 0 (the whole node's memory) is 0. Anything else is
     * refused here, before it is written on an {@code #SBATCH} line that sbatch would reject.
     */
    private long memBytes(String value) {
        Matcher m = MEM.matcher(value);
        if (!m.matches()) {
            throw new ParameterException(spec.commandLine(), "--mem takes a whole number with an optional unit K, M, "
                    + "G or T (megabytes without one), e.g. 8G; found '" + value + "'");
        }
        int shift = switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "K" -> 10;
            case "G" -> 30;
            case "T" -> 40;
            default -> 20;
        };
        return Long.parseLong(m.group(1)) << shift;
    }

    /** The scenario as the tasks will run it: --set, --seed and --replications applied, validated. */
    private RunRequest experiment(Path scenario, Path dir) throws ScenarioException {
        ScenarioSource source = ScenarioSource.read(scenario);
        for (String set : sets) {
            int eq = set.indexOf('=');
            if (eq <= 0) {
                throw new ParameterException(spec.commandLine(), "--set takes PATH=VALUE, e.g. run.replications=10; found '" + set + "'");
            }
            source = source.with(set.substring(0, eq).trim(), set.substring(eq + 1));
        }
        if (seed != null) {
            source = source.with("run.seed", JsonNodeFactory.instance.numberNode(seed));
        }
        if (replications != null) {
            source = source.with("run.replications", JsonNodeFactory.instance.numberNode(replications));
        }
        Scenario resolved = source.resolve();
        return new RunRequest(scenario, source, resolved, source.sweepPoints(), dir, 1, false, true,
                Repsim.stdout(spec), Repsim.stderr(spec));
    }

    String runScript(String scenarioName, List<String> repsim, Path scenario, Path dir) {
        StringBuilder b = header("repsim-" + jobName(scenarioName));
        b.append("#SBATCH --array=0-").append(tasks - 1).append('\n');
        b.append("#SBATCH --output=").append(dir.resolve(SLURM_DIR)).append("/run-%A_%a.out\n");
        if (cpusPerTask != null) {
            b.append("#SBATCH --cpus-per-task=").append(cpusPerTask).append('\n');
        }
        if (mem != null) {
            b.append("#SBATCH --mem=").append(mem).append('\n');
        }
        b.append("# repsim ").append(ToolVersion.get()).append(": task K runs shard K of ").append(tasks)
                .append(" of the (point, replication) pairs into the shared output directory.\n")
                .append("# Rerun tasks alone (they skip their complete replications): sbatch --array=K,... ")
                .append(dir.resolve(SLURM_DIR).resolve(RUN_SCRIPT)).append('\n')
                .append("set -eu\n");
        List<String> args = new ArrayList<>(repsim);
        args.addAll(List.of("run", scenario.toString(), "-o", dir.toString(), "--shard",
                "env:SLURM_ARRAY_TASK_ID/" + tasks, "--resume"));
        args.addAll(RunCommand.scenarioOptions(sets, seed, replications));
        b.append("exec ").append(Shell.join(args)).append(" --threads \"${SLURM_CPUS_PER_TASK:-1}\"\n");
        return b.toString();
    }

    String mergeScript(String scenarioName, List<String> repsim, Path dir) {
        StringBuilder b = header("repsim-merge-" + jobName(scenarioName));
        b.append("#SBATCH --output=").append(dir.resolve(SLURM_DIR)).append("/merge-%j.out\n");
        // a failed task cancels the merge instead of leaving it pending for ever
        b.append("#SBATCH --kill-on-invalid-dep=yes\n");
        if (mem != null) {
            b.append("#SBATCH --mem=").append(mem).append('\n');
        }
        b.append("# repsim ").append(ToolVersion.get()).append(": summary and report once every task of ")
                .append(RUN_SCRIPT).append(" has succeeded (submitted with --dependency=afterok:<its job id>).\n")
                .append("set -eu\n");
        List<String> args = new ArrayList<>(repsim);
        args.addAll(List.of("merge", dir.toString()));
        b.append("exec ").append(Shell.join(args)).append('\n');
        return b.toString();
    }

    private StringBuilder header(String jobName) {
        StringBuilder b = new StringBuilder("#!/bin/bash\n");
        b.append("#SBATCH --job-name=").append(jobName).append('\n');
        if (partition != null) {
            b.append("#SBATCH --partition=").append(partition).append('\n');
        }
        if (time != null) {
            b.append("#SBATCH --time=").append(time).append('\n');
        }
        return b;
    }

    private static String jobName(String scenarioName) {
        String s = scenarioName.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.isEmpty() ? "run" : s;
    }

    private static String defaultJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * How the nodes start this repsim: {@code java -jar repsim.jar} when it runs from its jar, else
     * the main class on this JVM's class path (absolute paths, for a development build); with the
     * options of this JVM that set speed ({@link JvmSpeedOptions}), so that the nodes run as this
     * command does.
     */
    static List<String> repsimCommand(String java, boolean memLimited) {
        return repsimCommand(java, memLimited, JvmSpeedOptions.ofThisJvm());
    }

    static List<String> repsimCommand(String java, boolean memLimited, List<String> speedOptions) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(speedOptions);
        if (memLimited) {
            // the JVM's default heap is a quarter of the job's memory limit
            cmd.add("-XX:MaxRAMPercentage=75");
        }
        Path jar = null;
        try {
            var source = Repsim.class.getProtectionDomain().getCodeSource();
            if (source != null) {
                Path p = Path.of(source.getLocation().toURI());
                if (Files.isRegularFile(p) && p.toString().endsWith(".jar")) {
                    jar = p.toAbsolutePath();
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            jar = null;
        }
        if (jar != null) {
            cmd.addAll(List.of("-jar", jar.toString()));
        } else {
            List<String> entries = new ArrayList<>();
            for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
                if (!e.isEmpty()) {
                    entries.add(Path.of(e).toAbsolutePath().toString());
                }
            }
            cmd.addAll(List.of("-cp", String.join(File.pathSeparator, entries), Repsim.class.getName()));
        }
        return cmd;
    }

    private static void writeScript(Path target, String text) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        tmp.toFile().setExecutable(true);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The sbatch command --submit runs; tests point it at a missing or a stand-in command. */
    static volatile String sbatchCommand = "sbatch";

    /** Runs sbatch --parsable; returns the job id it printed. */
    private static String sbatch(List<String> command) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("cannot run sbatch (is this a Slurm login node with sbatch on the PATH?): "
                    + e.getMessage(), e);
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        int code;
        try {
            code = p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for sbatch", e);
        }
        String id = output.lines().reduce((a, b) -> b).orElse("").split(";")[0].trim();
        if (code != 0 || !id.matches("\\d+")) {
            throw new IOException(String.join(" ", command) + " failed (exit " + code + "): " + output);
        }
        return id;
    }

    /** POSIX shell quoting. */
    static final class Shell {
        private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=,+@%-]+");

        private Shell() {
        }

        static String quote(String s) {
            return PLAIN.matcher(s).matches() ? s : "'" + s.replace("'", "'\\''") + "'";
        }

        static String join(List<String> args) {
            List<String> q = new ArrayList<>();
            for (String a : args) {
                q.add(quote(a));
            }
            return String.join(" ", q);
        }
    }
}
