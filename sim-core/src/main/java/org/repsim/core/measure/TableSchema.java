package org.repsim.core.measure;

import java.util.ArrayList;
import java.util.List;

/**
 * The columns of a record table ({@code <name>.csv}), declared once and shared by the model that
 * fills the table and the reports that read it.
 */
public record TableSchema(String name, List<Column> columns) {

    public TableSchema {
        columns = List.copyOf(columns);
    }

    public TableSchema(String name, Column... columns) {
        this(name, List.of(columns));
    }

    public List<String> columnNames() {
        List<String> out = new ArrayList<>();
        for (Column c : columns) {
            out.add(c.name());
        }
        return out;
    }

    public List<String> units() {
        List<String> out = new ArrayList<>();
        for (Column c : columns) {
            out.add(c.unit().symbol());
        }
        return out;
    }

    /** The position of {@code column} in a row. */
    public int index(Column column) {
        int i = columns.indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException("no column " + column.name() + " in table " + name);
        }
        return i;
    }
}
