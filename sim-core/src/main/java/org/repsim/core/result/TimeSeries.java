package org.repsim.core.result;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Values sampled at regular simulated times: a time column in seconds and named columns, each
 * with its unit. Rows are appended in time order; memory grows with the number of samples
 * (duration / sample interval), never with the number of simulated I/Os.
 */
public final class TimeSeries {
    private final List<String> columns;
    private final List<String> units;
    private double[] times = new double[64];
    private double[][] values;
    private int rows;

    public TimeSeries(List<String> columns, List<String> units) {
        if (columns.size() != units.size()) {
            throw new IllegalArgumentException("one unit per column");
        }
        this.columns = List.copyOf(columns);
        this.units = List.copyOf(units);
        this.values = new double[columns.size()][64];
    }

    /** Appends one row at {@code timeS} (seconds); {@code row} has one value per column. */
    public void append(double timeS, double[] row) {
        if (row.length != columns.size()) {
            throw new IllegalArgumentException("row has " + row.length + " values, series has " + columns.size() + " columns");
        }
        if (rows > 0 && timeS < times[rows - 1]) {
            throw new IllegalArgumentException("time series rows must come in time order");
        }
        if (rows == times.length) {
            int n = rows * 2;
            times = Arrays.copyOf(times, n);
            for (int c = 0; c < values.length; c++) {
                values[c] = Arrays.copyOf(values[c], n);
            }
        }
        times[rows] = timeS;
        for (int c = 0; c < row.length; c++) {
            values[c][rows] = row[c];
        }
        rows++;
    }

    public List<String> columns() {
        return Collections.unmodifiableList(columns);
    }

    public List<String> units() {
        return Collections.unmodifiableList(units);
    }

    public int rows() {
        return rows;
    }

    public double time(int row) {
        return times[row];
    }

    public double value(int row, int column) {
        return values[column][row];
    }

    /** Index of a column by name, or -1. */
    public int columnIndex(String name) {
        return columns.indexOf(name);
    }

    /** A copy of the time column (seconds). */
    public double[] timeColumn() {
        return Arrays.copyOf(times, rows);
    }

    /** A copy of one column. */
    public double[] column(String name) {
        int c = columnIndex(name);
        if (c < 0) {
            throw new IllegalArgumentException("no column " + name + " in " + columns);
        }
        return Arrays.copyOf(values[c], rows);
    }

    /** Column names matching a prefix, in column order. */
    public List<String> columnsStartingWith(String prefix) {
        List<String> out = new ArrayList<>();
        for (String c : columns) {
            if (c.startsWith(prefix)) {
                out.add(c);
            }
        }
        return out;
    }
}
