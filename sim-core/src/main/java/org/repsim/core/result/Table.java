package org.repsim.core.result;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Records of one kind with numeric fields (one row per cycle, per disaster, ...), with a unit
 * per column. Used for {@code cycles.csv}.
 */
public final class Table {
    private final String name;
    private final List<String> columns;
    private final List<String> units;
    private final List<double[]> rows = new ArrayList<>();

    public Table(String name, List<String> columns, List<String> units) {
        if (columns.size() != units.size()) {
            throw new IllegalArgumentException("one unit per column");
        }
        this.name = name;
        this.columns = List.copyOf(columns);
        this.units = List.copyOf(units);
    }

    public void add(double... row) {
        if (row.length != columns.size()) {
            throw new IllegalArgumentException(name + ": row has " + row.length + " values, table has " + columns.size());
        }
        rows.add(row.clone());
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

    public List<double[]> rows() {
        return Collections.unmodifiableList(rows);
    }

    public int size() {
        return rows.size();
    }

    /** A copy of one column. */
    public double[] column(String column) {
        int c = columns.indexOf(column);
        if (c < 0) {
            throw new IllegalArgumentException("no column " + column + " in table " + name);
        }
        double[] out = new double[rows.size()];
        for (int r = 0; r < out.length; r++) {
            out[r] = rows.get(r)[c];
        }
        return out;
    }
}
