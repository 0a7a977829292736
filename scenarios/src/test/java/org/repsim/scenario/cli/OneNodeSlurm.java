package org.repsim.scenario.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A one-node Slurm cluster on this machine, for the integration test: its own {@code munged}
 * (own key and socket), {@code slurmctld} and {@code slurmd} on free ports, with every file
 * (configuration, state, spool, logs) in a directory of its own, so it touches no system
 * configuration and can run beside another. Needs root and Debian's {@code slurm-wlm} and
 * {@code munge}. {@link #close} cancels the jobs and stops the daemons it started, also when the
 * JVM is stopped early (a shutdown hook); their process ids are kept in {@link #PID_FILE} until
 * then, for {@code .ci/run} to stop them should this JVM be killed.
 */
final class OneNodeSlurm implements AutoCloseable {
    /** Ids of the daemons running, one per line, for .ci/run to clean up after a killed JVM. */
    static final Path PID_FILE = Path.of("target", "slurm-test-daemons.pids").toAbsolutePath();
    private static final long START_WAIT_MS = 120_000;

    private final Path dir;
    private final Path conf;
    private final List<Process> daemons = new ArrayList<>();
    private final Thread hook = new Thread(this::stop, "slurm-test-cluster-stop");

    private OneNodeSlurm(Path dir) {
        this.dir = dir;
        this.conf = dir.resolve("slurm.conf");
    }

    /** Starts munged, slurmctld and slurmd; waits until the node is idle. */
    static OneNodeSlurm start(Path dir) throws IOException, InterruptedException {
        OneNodeSlurm c = new OneNodeSlurm(dir);
        Runtime.getRuntime().addShutdownHook(c.hook);
        try {
            c.startDaemons();
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** The environment every Slurm command of this cluster needs. */
    Map<String, String> environment() {
        return Map.of("SLURM_CONF", conf.toString());
    }

    private void startDaemons() throws IOException, InterruptedException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path munge = Files.createDirectories(dir.resolve("munge"));
        Files.setPosixFilePermissions(munge, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path key = munge.resolve("munge.key");
        byte[] bytes = new byte[1024];
        new SecureRandom().nextBytes(bytes);
        Files.write(key, bytes);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("r--------"));
        Path socket = munge.resolve("munge.socket");
        daemon(munge.resolve("munged.out"), "munged", "-F", "--force", "--socket=" + socket, "--key-file=" + key,
                "--pid-file=" + munge.resolve("munged.pid"), "--seed-file=" + munge.resolve("munged.seed"),
                "--log-file=" + munge.resolve("munged.log"));
        waitFor(() -> Files.exists(socket), "munged's socket " + socket);

        String node = output("hostname", "-s").trim();
        String cpus = output("nproc").trim();
        int[] ports = freePorts(2);
        Path log = Files.createDirectories(dir.resolve("log"));
        Files.createDirectories(dir.resolve("state"));
        Files.createDirectories(dir.resolve("spool"));
        Files.writeString(conf, String.join("\n",
                "ClusterName=repsimtest",
                "SlurmctldHost=" + node + "(127.0.0.1)",
                "SlurmctldPort=" + ports[0],
                "SlurmdPort=" + ports[1],
                "SlurmUser=root",
                "SlurmdUser=root",
                "AuthType=auth/munge",
                "CredType=cred/munge",
                "AuthInfo=socket=" + socket,
                "StateSaveLocation=" + dir.resolve("state"),
                "SlurmdSpoolDir=" + dir.resolve("spool"),
                "SlurmctldPidFile=" + dir.resolve("slurmctld.pid"),
                "SlurmdPidFile=" + dir.resolve("slurmd.pid"),
                "SlurmctldLogFile=" + log.resolve("slurmctld.log"),
                "SlurmdLogFile=" + log.resolve("slurmd.log"),
                "ProctrackType=proctrack/linuxproc",
                "TaskPlugin=task/none",
                "SelectType=select/cons_tres",
                "SelectTypeParameters=CR_Core",
                "JobAcctGatherType=jobacct_gather/none",
                "AccountingStorageType=accounting_storage/none",
                "MpiDefault=none",
                "ReturnToService=2",
                "MinJobAge=3600",
                "NodeName=" + node + " NodeAddr=127.0.0.1 CPUs=" + cpus + " State=UNKNOWN",
                "PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP",
                ""));
        daemon(log.resolve("slurmctld.out"), "slurmctld", "-D", "-f", conf.toString());
        daemon(log.resolve("slurmd.out"), "slurmd", "-D", "-f", conf.toString());
        waitFor(() -> {
            Cmd sinfo = run("sinfo", "-h", "-N", "-o", "%T");
            return sinfo.code() == 0 && sinfo.out().trim().equals("idle");
        }, "the node to be idle in sinfo");
    }

    /** A command's exit code and output (stdout and stderr together). */
    record Cmd(int code, String out) {
    }

    /** Runs a Slurm client command against this cluster. */
    Cmd run(String... command) {
        return run(List.of(command));
    }

    Cmd run(List<String> command) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().putAll(environment());
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Cmd(p.waitFor(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The daemons' logs, for a failure message. */
    String logs() {
        StringBuilder b = new StringBuilder();
        for (Path f : List.of(dir.resolve("log/slurmctld.log"), dir.resolve("log/slurmd.log"),
                dir.resolve("log/slurmctld.out"), dir.resolve("log/slurmd.out"), dir.resolve("munge/munged.out"))) {
            try {
                List<String> lines = Files.readAllLines(f);
                b.append("--- ").append(f).append(" (last 40 lines)\n");
                lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(l -> b.append(l).append('\n'));
            } catch (IOException e) {
                b.append("--- ").append(f).append(": ").append(e.getMessage()).append('\n');
            }
        }
        return b.toString();
    }

    private void daemon(Path log, String... command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(environment());
        Process p = pb.start();
        synchronized (daemons) {
            daemons.add(p);
        }
        Files.createDirectories(PID_FILE.getParent());
        Files.writeString(PID_FILE, p.pid() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs stop() itself
        }
    }

    /** Cancels this cluster's jobs, waits for them to end, then stops slurmd, slurmctld and munged. */
    private void stop() {
        List<Process> running;
        synchronized (daemons) {
            running = new ArrayList<>(daemons);
            daemons.clear();
        }
        if (running.isEmpty()) {
            return;
        }
        if (running.size() == 3 && running.stream().allMatch(Process::isAlive)) {
            try {
                run("scancel", "--full", "--partition=test");
                waitFor(() -> run("squeue", "-h").out().isBlank(), "the jobs to end");
            } catch (RuntimeException | InterruptedException | IOException e) {
                // stop the daemons anyway
            }
        }
        for (int i = running.size() - 1; i >= 0; i--) {
            Process p = running.get(i);
            List<ProcessHandle> children = p.descendants().toList();
            p.destroy();
            try {
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    p.waitFor(30, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            children.forEach(ProcessHandle::destroyForcibly);
        }
        try {
            Files.deleteIfExists(PID_FILE);
        } catch (IOException e) {
            // .ci/run finds the processes gone
        }
    }

    @FunctionalInterface
    interface Condition {
        boolean holds() throws IOException;
    }

    /** Polls until the condition holds; a daemon that never gets there fails the test (not a time limit on repsim). */
    void waitFor(Condition c, String what) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + START_WAIT_MS;
        while (!c.holds()) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("gave up waiting for " + what + "\n" + logs());
            }
            synchronized (daemons) {
                for (Process p : daemons) {
                    if (!p.isAlive()) {
                        throw new IllegalStateException(p.info().command().orElse("a daemon") + " exited with "
                                + p.exitValue() + " while waiting for " + what + "\n" + logs());
                    }
                }
            }
            Thread.sleep(200);
        }
    }

    private static String output(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    private static int[] freePorts(int n) throws IOException {
        int[] ports = new int[n];
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0);
                held.add(s);
                ports[i] = s.getLocalPort();
            }
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
        return ports;
    }
}
