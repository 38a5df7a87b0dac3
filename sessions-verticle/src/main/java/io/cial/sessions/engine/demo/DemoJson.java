package io.cial.sessions.engine.demo;

import java.util.List;

/**
 * A minimal JSON writer for the demo engine, which must start fast and so loads no JSON library. Values are strings,
 * numbers, booleans, null, nested {@link Raw} JSON, or lists of those.
 */
final class DemoJson {

    /** Already encoded JSON. */
    record Raw(String json) {}

    private DemoJson() {}

    /** An object from alternating keys and values. */
    static Raw obj(Object... keysAndValues) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (i > 0) {
                out.append(',');
            }
            string(out, (String) keysAndValues[i]);
            out.append(':');
            value(out, keysAndValues[i + 1]);
        }
        return new Raw(out.append('}').toString());
    }

    static Raw arr(Object... values) {
        return list(List.of(values));
    }

    static Raw list(List<?> values) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            value(out, values.get(i));
        }
        return new Raw(out.append(']').toString());
    }

    private static void value(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Raw raw) {
            out.append(raw.json());
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else {
            string(out, value.toString());
        }
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
