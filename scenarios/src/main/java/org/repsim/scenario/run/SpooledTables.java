package org.repsim.scenario.run;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.repsim.core.result.RowStore;
import org.repsim.core.result.TableStores;

/**
 * The table stores of one replication that writes its files into {@code dir}: each table's rows
 * go to {@code dir/<table>.csv.part} as they are added ({@link SpooledRowStore}), and
 * {@link RunFiles#write} turns the part into {@code <table>.csv}. A part file is never taken for
 * a result: only {@code done.json} makes a replication complete.
 *
 * <p>{@link #close} deletes the part of every table that was not finished (the replication
 * failed, or the model did not return the table), and the directory too when this created it
 * and nothing else was written there. One instance per replication, used on its thread.
 */
public final class SpooledTables implements TableStores, AutoCloseable {
    private final Path dir;
    private final Map<String, SpooledRowStore> stores = new LinkedHashMap<>();
    private boolean createdDir;

    public SpooledTables(Path dir) {
        this.dir = dir;
    }

    /**
     * Creates {@code <name>.csv.part} with the header of {@code columns}.
     *
     * @throws IllegalArgumentException when the name cannot be a file name or was opened before
     * @throws ResultStoreException when the file cannot be created
     */
    @Override
    public RowStore open(String name, List<String> columns) {
        RunFiles.requireTableName(name);
        if (stores.containsKey(name)) {
            throw new IllegalArgumentException("table " + name + " opened twice in one replication");
        }
        Path part = dir.resolve(name + ".csv" + SpooledRowStore.PART);
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                createdDir = true;
            }
            SpooledRowStore store = SpooledRowStore.create(part, columns);
            stores.put(name, store);
            return store;
        } catch (IOException e) {
            throw new ResultStoreException("cannot create " + part + ": " + Experiment.reason(e), e);
        }
    }

    /**
     * Writes every open table's rows added so far to its part (see {@link SpooledRowStore#flushRows}).
     *
     * @throws ResultStoreException when a part cannot be written (as when a block of rows fills)
     */
    public void flushRows() {
        for (Map.Entry<String, SpooledRowStore> e : stores.entrySet()) {
            try {
                e.getValue().flushRows();
            } catch (IOException x) {
                throw new ResultStoreException("cannot write " + dir.resolve(e.getKey() + ".csv" + SpooledRowStore.PART)
                        + ": " + Experiment.reason(x), x);
            }
        }
    }

    /** Deletes the parts of the tables not finished; best effort, never throws. */
    @Override
    public void close() {
        for (SpooledRowStore s : stores.values()) {
            s.discard();
        }
        if (createdDir) {
            try {
                boolean empty;
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                    empty = !entries.iterator().hasNext();
                }
                if (empty) {
                    Files.delete(dir);
                }
            } catch (IOException e) {
                // an empty directory is harmless
            }
        }
    }
}
