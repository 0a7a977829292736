package org.repsim.scenario.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code repsim} command. Exit codes: 0 success, 2 invalid scenario or command line
 * (problems on stderr, one per line: {@code path (line L, col C): message}), 1 failure during
 * simulation.
 */
@Command(name = "repsim", mixinStandardHelpOptions = true, versionProvider = Repsim.Version.class,
        description = "Discrete-event performance simulator of storage replication topologies.",
        subcommands = {RunCommand.class, ValidateCommand.class, SchemaCommand.class, ReportCommand.class,
                TraceCommand.class, BenchCommand.class, MergeCommand.class, StatusCommand.class, SlurmCommand.class,
                SizeCommand.class, CompareCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:success", "1:failure during simulation", "2:invalid scenario or command line"})
public final class Repsim implements Callable<Integer> {

    private final PrintStream out;
    private final PrintStream err;
    private final ExperimentLauncher launcher;

    @Spec
    private CommandSpec spec;

    private Repsim(PrintStream out, PrintStream err, ExperimentLauncher launcher) {
        this.out = out;
        this.err = err;
        this.launcher = launcher;
    }

    public static void main(String[] args) {
        System.exit(commandLine(new RunLauncher(), System.out, System.err).execute(args));
    }

    /** The command line with the given launcher, writing to System.out/err. */
    public static CommandLine commandLine(ExperimentLauncher launcher) {
        return commandLine(launcher, System.out, System.err);
    }

    /** The command line of the product: experiments run through the scenario model. */
    public static CommandLine standard(PrintStream out, PrintStream err) {
        return commandLine(new RunLauncher(), out, err);
    }

    /**
     * The command line, writing to the given streams; {@code launcher} runs experiments for
     * {@code repsim run} (null: this build cannot run, {@code run} exits 1 after validating).
     */
    public static CommandLine commandLine(ExperimentLauncher launcher, PrintStream out, PrintStream err) {
        Repsim root = new Repsim(out, err, launcher);
        CommandLine cmd = new CommandLine(root);
        cmd.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cmd.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cmd.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("repsim: " + e);
            commandLine.getErr().flush();
            return ExitCodes.FAILURE;
        });
        return cmd;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.INVALID;
    }

    static Repsim root(CommandSpec spec) {
        return (Repsim) spec.root().userObject();
    }

    static PrintStream stdout(CommandSpec spec) {
        return root(spec).out;
    }

    static PrintStream stderr(CommandSpec spec) {
        return root(spec).err;
    }

    static ExperimentLauncher launcher(CommandSpec spec) {
        return root(spec).launcher;
    }

    /** picocli version provider: "repsim &lt;version&gt;". */
    public static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"repsim " + ToolVersion.get()};
        }
    }
}
