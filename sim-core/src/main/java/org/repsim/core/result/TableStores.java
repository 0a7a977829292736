package org.repsim.core.result;

import java.util.List;

/**
 * Opens the {@link RowStore} of each record table a replication produces: the recording
 * configuration decides where rows go, the components only add them.
 */
@FunctionalInterface
public interface TableStores {

    /** Rows kept in memory: tests, benchmarks, and runs that write no files. */
    TableStores IN_MEMORY = (name, columns) -> new MemoryRowStore(columns.size());

    /** A store for table {@code name} with these columns (a name opens one store per replication). */
    RowStore open(String name, List<String> columns);
}
