package org.repsim.core.result;

import java.util.function.Consumer;

/**
 * Where the rows of one {@link Table} are kept as they are produced: in memory
 * ({@link MemoryRowStore}) or, in a run that writes result files, spooled to the table's file
 * as rows arrive so that a long run's records never pile up in the heap (docs/performance.md "Memory": memory
 * must not grow with simulated time).
 */
public interface RowStore {

    /** Appends one row (the store copies or writes it; the caller may reuse the array). */
    void add(double[] row);

    /** Rows added since the last {@link #clear}. */
    int size();

    /**
     * Passes every row, in the order added, to {@code visitor}. The array passed may be reused
     * for the next row: copy it to keep it.
     */
    void forEach(Consumer<double[]> visitor);

    /** Drops every row (a warm-up reset). */
    void clear();
}
