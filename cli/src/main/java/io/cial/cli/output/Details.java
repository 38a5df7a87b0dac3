package io.cial.cli.output;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One object as aligned {@code key: value} lines. Values are never cut; a multi-line value continues indented under
 * its first line. A null or blank value shows as {@code -}.
 */
public final class Details {

    private final List<Map.Entry<String, String>> rows = new ArrayList<>();

    public static Details of() {
        return new Details();
    }

    public Details add(String key, Object value) {
        String text = value == null ? "" : String.valueOf(value);
        rows.add(Map.entry(key, text.isBlank() ? "-" : text.stripTrailing()));
        return this;
    }

    /** A timestamp as {@code 5m ago (2026-12-04T12:00:00Z)}. */
    public Details time(String key, String iso, RelativeTime time) {
        return add(key, iso == null ? null : time.format(iso) + " (" + iso + ")");
    }

    public void print(Output out) {
        int width = rows.stream().mapToInt(r -> r.getKey().length()).max().orElse(0) + 2;
        for (Map.Entry<String, String> row : rows) {
            String indent = " ".repeat(width);
            String[] lines = row.getValue().split("\n", -1);
            out.line(String.format(Locale.ROOT, "%-" + width + "s%s", row.getKey() + ":", lines[0]));
            for (int i = 1; i < lines.length; i++) {
                out.line(indent + lines[i]);
            }
        }
    }

    /** A byte count for people: {@code 512 B}, {@code 1.5 KB}, {@code 2.0 MB}. */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = n;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
