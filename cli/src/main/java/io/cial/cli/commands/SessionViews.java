package io.cial.cli.commands;

import io.cial.cli.output.Details;
import io.cial.cli.output.EventText;
import io.cial.cli.output.Output;
import io.cial.cli.output.RelativeTime;
import io.cial.cli.output.Table;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/** Readable renderings of sessions, messages and stored events. */
final class SessionViews {

    private SessionViews() {}

    static Table sessionTable() {
        return Table.of("ID", "NAME", "PROVIDER", "MODEL", "STATUS", "UPDATED");
    }

    static void addSession(Table table, JsonObject s, RelativeTime time) {
        table.row(
                s.getString("id"),
                s.getString("name"),
                s.getString("provider"),
                orDash(s.getString("model")),
                s.getString("status"),
                time.format(s.getString("updatedAt")));
    }

    /** One session as aligned {@code key: value} lines. */
    static void printSession(Output out, JsonObject s) {
        RelativeTime time = out.time();
        Details.of()
                .add("id", s.getString("id"))
                .add("name", s.getString("name"))
                .add("provider", s.getString("provider"))
                .add("model", s.getString("model"))
                .add("status", s.getString("status"))
                .add("engine session", s.getString("engineSessionId"))
                .add("last event", s.getValue("lastSeq"))
                .time("created", s.getString("createdAt"), time)
                .time("updated", s.getString("updatedAt"), time)
                .add("streaming", streaming(s.getJsonObject("streaming")))
                .print(out);
    }

    static void printMessages(Output out, JsonArray messages) {
        for (int i = 0; i < messages.size(); i++) {
            JsonObject m = messages.getJsonObject(i);
            String status = m.getString("status", "complete");
            String header = "[" + m.getString("role") + ", " + out.time().format(m.getString("createdAt"))
                    + ("complete".equals(status) ? "" : ", " + status) + "]";
            out.line(header);
            String text = m.getString("text", "");
            if (!text.isEmpty()) {
                out.line(text.endsWith("\n") ? text.substring(0, text.length() - 1) : text);
            }
            JsonArray parts = m.getJsonArray("parts", new JsonArray());
            for (Object part : parts) {
                if (part instanceof JsonObject p) {
                    out.line("  [" + EventText.kind(p) + "] " + EventText.summary(p));
                }
            }
            if (i < messages.size() - 1) {
                out.line("");
            }
        }
    }

    static Table eventTable() {
        return Table.of("SEQ", "AT", "TURN", "KIND", "DETAIL");
    }

    /** A stored event or a live frame ({@code turn.event} or {@code turn.done}) as one table row. */
    static void addEvent(Table table, JsonObject e, RelativeTime time) {
        table.row(e.getValue("seq"), time.format(e.getString("at")), e.getString("turnId"), kind(e), detail(e));
    }

    /** A live frame as one line: sequence number, kind, detail. */
    static String eventLine(JsonObject e) {
        return String.format(Locale.ROOT, "%6s  %-12s %s", e.getValue("seq"), kind(e), detail(e));
    }

    private static String kind(JsonObject e) {
        if ("turn.done".equals(e.getString("type"))) {
            return "done";
        }
        JsonObject event = e.getJsonObject("event");
        return event == null ? e.getString("type", "?") : EventText.kind(event);
    }

    private static String detail(JsonObject e) {
        if ("turn.done".equals(e.getString("type"))) {
            String error = e.getString("error");
            return e.getString("status", "") + (error == null ? "" : ": " + EventText.cut(error));
        }
        JsonObject event = e.getJsonObject("event");
        return event == null ? "" : EventText.summary(event);
    }

    private static String streaming(JsonObject streaming) {
        if (streaming == null) {
            return "-";
        }
        String text = streaming.getString("text", "");
        return (streaming.getBoolean("active", false) ? "active" : "ended") + ", turn " + streaming.getString("turnId")
                + ", " + text.length() + " characters so far";
    }

    static String orDash(String value) {
        return value == null || value.isBlank() ? "-" : value;
    }
}
