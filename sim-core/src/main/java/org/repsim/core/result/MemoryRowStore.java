package org.repsim.core.result;

import java.util.Arrays;
import java.util.function.Consumer;

/** Rows in one growing {@code double} array, row after row: no object per row. */
public final class MemoryRowStore implements RowStore {
    private final int width;
    private double[] values = new double[0];
    private int rows;

    public MemoryRowStore(int width) {
        if (width < 1) {
            throw new IllegalArgumentException("a row has at least one column, got " + width);
        }
        this.width = width;
    }

    @Override
    public void add(double[] row) {
        if (row.length != width) {
            throw new IllegalArgumentException("row has " + row.length + " values, store has " + width + " columns");
        }
        long needed = (long) (rows + 1) * width;
        if (needed > values.length) {
            long grown = Math.max(needed, Math.max(16L * width, values.length * 2L));
            if (grown > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("too many rows for an in-memory table: " + rows);
            }
            values = Arrays.copyOf(values, (int) grown);
        }
        System.arraycopy(row, 0, values, rows * width, width);
        rows++;
    }

    @Override
    public int size() {
        return rows;
    }

    @Override
    public void forEach(Consumer<double[]> visitor) {
        double[] row = new double[width];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(values, r * width, row, 0, width);
            visitor.accept(row);
        }
    }

    @Override
    public void clear() {
        rows = 0;
        values = new double[0];
    }
}
