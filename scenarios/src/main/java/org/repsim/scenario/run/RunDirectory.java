package org.repsim.scenario.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * An output directory before a run writes into it: what it holds, whether {@code repsim run} may
 * start there, and, with {@code --overwrite}, the removal of an earlier run's own files.
 *
 * <p>A run's own files are the entries a run, {@code repsim report}, {@code repsim merge} and
 * {@code repsim slurm} write at the top of the directory ({@link #OWN}) and their temporary files
 * ({@code .<name>.tmp}, {@code .<name>.<writer>.tmp}), and a {@code compare/} that {@code repsim compare}
 * wrote (its default output, {@code RUN_B/compare/}; recognised by its {@code compare.json}, see
 * {@link #isCompareOutput}): it describes the run in the directory, so it goes with it. Anything else
 * in the directory belongs to the user: it is never removed, and it does not stop a run (the run's
 * files go beside it).
 *
 * <p>Rules (docs/scenario-format.md, "What a run writes"):
 * <ul>
 * <li>a run on one machine starts only in a directory that holds none of a run's own files, unless
 * {@code --resume} (the same run: continued) or {@code --overwrite} (whatever run: removed first);
 * refused otherwise, the message saying which of the two fits;</li>
 * <li>a shard ({@code --shard K/N}) starts in a directory without a run or with the same run in the
 * same shards ({@link ShardRun#prepare} checks {@code run.json}); without {@code --resume}, not
 * when replications of its own are already complete.</li>
 * </ul>
 * Nothing is written or removed when a run is refused.
 */
public final class RunDirectory {

    /** The entries at the top of a run directory that a run and the commands on it write. */
    public static final Set<String> OWN = Set.of(RunDescription.FILE, RunDescription.RESOLVED_SCENARIO,
            SummaryFiles.JSON, SummaryFiles.CSV, Experiment.RUNS, "report.html", "charts", "partial", "slurm");

    /** {@code repsim compare}'s default output directory in RUN_B, a run's own when {@code compare} wrote it. */
    public static final String COMPARE = "compare";

    private RunDirectory() {
    }

    /** What a directory holds at the top: a run's own entries and the others (names; directories end in '/'). */
    public record Contents(List<String> own, List<String> other) {
        public Contents {
            own = List.copyOf(own);
            other = List.copyOf(other);
        }

        /** True when the directory holds none of a run's files. */
        public boolean noRun() {
            return own.isEmpty();
        }
    }

    /** The top-level entries of {@code dir}, sorted (empty when it does not exist). */
    public static Contents contents(Path dir) {
        TreeSet<String> own = new TreeSet<>();
        TreeSet<String> other = new TreeSet<>();
        if (!Files.isDirectory(dir)) {
            return new Contents(List.of(), List.of());
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                String shown = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? name + "/" : name;
                (isOwn(dir, name) ? own : other).add(shown);
            }
        } catch (IOException e) {
            throw new ResultStoreException("cannot read output directory " + dir + ": " + Experiment.reason(e), e);
        }
        return new Contents(new ArrayList<>(own), new ArrayList<>(other));
    }

    /** {@link #isOwn(String)}, or the {@code compare/} that {@code repsim compare} wrote into {@code dir}. */
    static boolean isOwn(Path dir, String name) {
        return isOwn(name) || name.equals(COMPARE) && isCompareOutput(dir.resolve(name));
    }

    /**
     * True when {@code dir} is a directory whose {@code compare.json} is one {@code repsim compare}
     * wrote: a JSON object with {@code paired}, {@code a}, {@code b} and {@code metrics}
     * (README, "Planner tools"). A {@code compare/} of the user's, without such a file, is kept.
     */
    static boolean isCompareOutput(Path dir) {
        Path json = dir.resolve("compare.json");
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) || !Files.isRegularFile(json)) {
            return false;
        }
        try {
            JsonNode root = new ObjectMapper().readTree(json.toFile());
            return root != null && root.isObject() && root.path("paired").isBoolean() && root.path("a").isTextual()
                    && root.path("b").isTextual() && root.path("metrics").isObject();
        } catch (IOException e) {
            return false; // not one compare wrote (or unreadable): the user's
        }
    }

    /** A run's own entry, or a temporary file of one ({@code .NAME.tmp}, {@code .NAME.<writer>.tmp}). */
    static boolean isOwn(String name) {
        if (OWN.contains(name)) {
            return true;
        }
        if (name.startsWith(".") && name.endsWith(".tmp")) {
            for (String own : OWN) {
                if (name.startsWith("." + own + ".")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Checks that a run on one machine may start in {@code out}: see the class comment.
     * With {@code overwrite}, removes an earlier run's own files and returns what it removed
     * (empty when there was none).
     *
     * @throws ResultStoreException when the run may not start there; its message says why and what to do
     */
    public static List<String> claim(ExperimentPlan plan, Path out, boolean resume, boolean overwrite) {
        if (resume && overwrite) {
            throw new ResultStoreException("--resume continues the run in " + out + " and --overwrite replaces it: "
                    + "give one of them");
        }
        Contents found = contents(out);
        if (found.noRun()) {
            return List.of();
        }
        if (resume) {
            if (!Files.exists(out.resolve(RunDescription.FILE))) {
                // no description to check them against: results of an unknown run are not taken as this one's
                throw new ResultStoreException("cannot resume: " + out + " holds files of a run ("
                        + String.join(", ", found.own()) + ") but no " + RunDescription.FILE
                        + ": use a new output directory, or --overwrite instead of --resume to remove them");
            }
            return List.of(); // Experiment checks that the run is the same
        }
        if (overwrite) {
            removeOwn(out);
            return found.own();
        }
        throw new ResultStoreException(refusal(plan, out, found));
    }

    /**
     * Checks, before a shard starts in {@code out} holding the same run (checked by
     * {@link ShardRun#prepare}), that a shard without {@code --resume} would not run again the
     * replications of its own already complete.
     */
    static void requireNoCompleteOwnPairs(ExperimentPlan plan, Path out, Shard shard, boolean resume) {
        if (resume) {
            return;
        }
        int complete = 0;
        List<Sharding.Pair> pairs = shard.sharding().pairsOf(shard.index(), plan.points().size(), plan.replications());
        for (Sharding.Pair pair : pairs) {
            // only to refuse: whether their files are present (cheap); --resume checks the digests
            if (RunFiles.isPresent(Experiment.replicationDir(out, plan.points().get(pair.pointIndex()).id(),
                    pair.replication()))) {
                complete++;
            }
        }
        if (complete > 0) {
            throw new ResultStoreException(out + " already holds " + complete + " of the " + pairs.size()
                    + " replications of shard " + shard + ", complete; add --resume to run only the others (running "
                    + "them again would give the same results)");
        }
    }

    /**
     * Refuses a directory that holds files of a run but no {@code run.json} (a shard, or
     * {@code repsim slurm}, would mix its results with them). Temporary files do not count: they
     * may be another shard's {@code run.json} being created right now.
     */
    static void requireRunOrNone(Path out) {
        List<String> own = new ArrayList<>();
        for (String name : contents(out).own()) {
            if (!name.endsWith(".tmp")) {
                own.add(name);
            }
        }
        // listed first, then looked for: another shard creates run.json before any other file of the run
        if (!own.isEmpty() && !Files.exists(out.resolve(RunDescription.FILE))) {
            throw new ResultStoreException(out + " holds files of a run (" + String.join(", ", own) + ") but no "
                    + RunDescription.FILE + ": use a new output directory, or remove them");
        }
    }

    /** Why a run may not start in {@code out}, which holds a run's files, and what to do instead. */
    static String refusal(ExperimentPlan plan, Path out, Contents found) {
        String holds = out + " already holds a run (" + String.join(", ", found.own()) + ")";
        String overwrite = "--overwrite to remove it (" + ownSummary() + ") and start this run there";
        String storedDescription = read(out.resolve(RunDescription.FILE));
        if (storedDescription == null) {
            return out + " holds files of a run (" + String.join(", ", found.own()) + ") but no "
                    + RunDescription.FILE + ": use a new output directory, or " + overwrite;
        }
        String otherFormat = RunDescription.formatMismatch(out, storedDescription, "use a new output directory, or "
                + overwrite);
        if (otherFormat != null) {
            return otherFormat;
        }
        RunDescription mine = RunDescription.of(plan);
        RunDescription stored;
        try {
            stored = RunDescription.readJson(storedDescription);
        } catch (IOException | RuntimeException e) {
            return holds + " whose " + RunDescription.FILE + " cannot be read (" + e.getMessage()
                    + "): use a new output directory, or " + overwrite;
        }
        String resolved = read(out.resolve(RunDescription.RESOLVED_SCENARIO));
        boolean sameScenario = plan.resolvedScenarioJson().equals(resolved);
        if (sameScenario && storedDescription.equals(mine.json())) {
            RunStatus status = RunStatus.read(out); // files present, none read: a refusal reads no results
            String resume = status.done() == status.total()
                    ? "add --resume to keep them (it runs none again and writes the summary and report)"
                    : "add --resume to run only the others";
            return out + " already holds this run, " + status.done() + " of " + status.total()
                    + " replications complete (their files present): " + resume + ", or " + overwrite;
        }
        if (sameScenario && stored.sharding() != null && mine.withSharding(stored.sharding()).json()
                .equals(storedDescription)) {
            int shards = stored.sharding().shards();
            return out + " already holds this run in " + shards + " shards: run the missing ones with --shard K/"
                    + shards + " --resume (`repsim status " + out + "` lists them), then `repsim merge " + out
                    + "`; or " + overwrite;
        }
        List<String> diffs = ShardRun.differences(stored, mine);
        if (diffs.isEmpty() && !sameScenario) {
            diffs = List.of("the scenario differs (" + RunDescription.RESOLVED_SCENARIO + ")");
        }
        if (stored.sharding() != null) {
            diffs = new ArrayList<>(diffs);
            diffs.add("it is a run in " + stored.sharding().shards() + " shards");
        }
        return holds + " of another scenario or settings (" + (diffs.isEmpty() ? "its " + RunDescription.FILE
                + " differs" : String.join("; ", diffs)) + "): use a new output directory, or " + overwrite;
    }

    /** The run's files {@code --overwrite} removes, for messages. */
    static String ownSummary() {
        return "run.json, scenario.resolved.json, summary.*, runs/, report.html, charts/, partial/, slurm/, "
                + "compare/ written by repsim compare; other files are kept";
    }

    /** Removes every entry of a run's own from {@code out} (directories with what they hold); keeps the others. */
    static void removeOwn(Path out) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(out)) {
            List<Path> own = new ArrayList<>();
            for (Path p : entries) {
                if (isOwn(out, p.getFileName().toString())) {
                    own.add(p);
                }
            }
            // the description first: a removal cut short leaves files --overwrite still recognises, never a run
            // that looks whole
            own.sort((a, b) -> Boolean.compare(!isDescription(a), !isDescription(b)));
            for (Path p : own) {
                deleteTree(p);
            }
        } catch (IOException e) {
            throw new ResultStoreException("cannot remove the earlier run in " + out + ": " + Experiment.reason(e), e);
        }
    }

    private static boolean isDescription(Path p) {
        String name = p.getFileName().toString();
        return name.equals(SummaryFiles.JSON) || name.equals(SummaryFiles.CSV) || name.equals(RunDescription.FILE);
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(p);
            return;
        }
        Files.walkFileTree(p, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new ResultStoreException("cannot read " + file + ": " + Experiment.reason(e), e);
        }
    }
}
