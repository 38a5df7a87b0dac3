package io.cial.cli.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Aligned text columns: each column as wide as its widest cell (capped at {@link #MAX_CELL}, longer cells end with an
 * ellipsis), two spaces between columns, the last column never padded.
 */
public final class Table {

    /** The widest a cell may be before it is cut. */
    public static final int MAX_CELL = 60;

    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    private Table(int columns) {
        this.columns = columns;
    }

    /** A table whose first line is {@code header}. */
    public static Table of(String... header) {
        Table table = new Table(header.length);
        table.rows.add(header);
        return table;
    }

    /** A table without a header line, e.g. aligned {@code key: value} pairs. */
    public static Table plain(int columns) {
        return new Table(columns);
    }

    public Table row(Object... cells) {
        String[] row = new String[columns];
        for (int i = 0; i < columns; i++) {
            row[i] = cut(i < cells.length && cells[i] != null ? String.valueOf(cells[i]) : "");
        }
        rows.add(row);
        return this;
    }

    public void print(PrintWriter out) {
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(row[i]);
                if (i < columns - 1) {
                    line.append(" ".repeat(widths[i] - row[i].length() + 2));
                }
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
    }

    /** One line per cell at most: newlines become spaces, long text is cut. */
    static String cut(String cell) {
        String flat = cell.replaceAll("[\\r\\n\\t]+", " ");
        return flat.length() > MAX_CELL ? flat.substring(0, MAX_CELL - 3) + "..." : flat;
    }

    @Override
    public String toString() {
        return rows.stream().map(Arrays::toString).toList().toString();
    }
}
