package org.repsim.core.result;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Records of one kind with numeric fields (one row per cycle, per disaster, ...), with a unit
 * per column. Used for {@code cycles.csv}. The rows live in a {@link RowStore}: in memory by
 * default, or spooled to the table's file by a run that writes results; read them with
 * {@link #forEachRow}, which streams, rather than {@link #rows}, which copies them all.
 */
public final class Table {
    private final String name;
    private final List<String> columns;
    private final List<String> units;
    private final RowStore store;

    /** A table kept in memory. */
    public Table(String name, List<String> columns, List<String> units) {
        this(name, columns, units, null);
    }

    /** A table whose rows go to {@code store} (null: in memory). */
    public Table(String name, List<String> columns, List<String> units, RowStore store) {
        if (columns.size() != units.size()) {
            throw new IllegalArgumentException("one unit per column");
        }
        this.name = name;
        this.columns = List.copyOf(columns);
        this.units = List.copyOf(units);
        this.store = store == null ? new MemoryRowStore(columns.size()) : store;
    }

    /** A table of these columns whose store {@code stores} opens. */
    public static Table open(TableStores stores, String name, List<String> columns, List<String> units) {
        return new Table(name, columns, units, stores.open(name, columns));
    }

    public void add(double... row) {
        if (row.length != columns.size()) {
            throw new IllegalArgumentException(name + ": row has " + row.length + " values, table has " + columns.size());
        }
        store.add(row);
    }

    public String name() {
        return name;
    }

    public List<String> columns() {
        return columns;
    }

    public List<String> units() {
        return units;
    }

    /** Where the rows are. */
    public RowStore store() {
        return store;
    }

    /** Every row in order; the array passed may be reused for the next row. */
    public void forEachRow(Consumer<double[]> visitor) {
        store.forEach(visitor);
    }

    /** A copy of every row: for small tables and tests (a long run's table may not fit in memory). */
    public List<double[]> rows() {
        List<double[]> out = new ArrayList<>(store.size());
        store.forEach(r -> out.add(r.clone()));
        return out;
    }

    public int size() {
        return store.size();
    }

    /** Drops every row (a warm-up reset). */
    public void clear() {
        store.clear();
    }

    /** A copy of one column. */
    public double[] column(String column) {
        int c = columns.indexOf(column);
        if (c < 0) {
            throw new IllegalArgumentException("no column " + column + " in table " + name);
        }
        double[] out = new double[store.size()];
        int[] r = {0};
        store.forEach(row -> out[r[0]++] = row[c]);
        return out;
    }
}
