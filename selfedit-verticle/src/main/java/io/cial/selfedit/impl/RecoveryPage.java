package io.cial.selfedit.impl;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The recovery page: plain HTML with no script and nothing from the UI bundle, so it works when the UI does not. It
 * lists the UI versions and the server builds; each rollback is one form post.
 */
final class RecoveryPage {

    static final String PATH = "/self/recovery";
    static final String UI_ROLLBACK_PATH = "/self/recovery/ui-rollback";
    static final String SERVER_ROLLBACK_PATH = "/self/recovery/rollback";

    private RecoveryPage() {}

    static String render(String basePath, JsonObject ui, JsonObject server, String message) {
        StringBuilder html = new StringBuilder(4096)
                .append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>Cial recovery</title>")
                .append("<style>body{font:15px system-ui,sans-serif;margin:2em;max-width:60em}")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.3em .6em;")
                .append("text-align:left}.current{font-weight:bold}.msg{background:#ffd;padding:.5em}")
                .append("</style></head><body>")
                .append("<h1>Cial recovery</h1>");
        if (message != null && !message.isBlank()) {
            html.append("<p class=\"msg\" id=\"message\">")
                    .append(escape(message))
                    .append("</p>");
        }
        uiSection(html, basePath, ui);
        serverSection(html, basePath, server);
        return html.append("</body></html>").toString();
    }

    private static void uiSection(StringBuilder html, String basePath, JsonObject ui) {
        html.append("<h2>Web UI versions</h2><p>Served: <span id=\"ui-current\">")
                .append(escape(text(ui, "current", "none")))
                .append("</span>; known-good: ")
                .append(escape(text(ui, "knownGood", "none")))
                .append("</p>");
        form(html, basePath + UI_ROLLBACK_PATH, null, "Roll back the UI to the previous known-good version");
        html.append("<table id=\"ui-builds\"><tr><th>version</th><th>status</th><th>created</th><th></th></tr>");
        for (JsonObject build : objects(ui.getJsonArray("builds"))) {
            String version = build.getString("version");
            html.append(build.getBoolean("current", false) ? "<tr class=\"current\">" : "<tr>")
                    .append("<td>")
                    .append(escape(version))
                    .append("</td><td>")
                    .append(escape(build.getString("status")))
                    .append("</td><td>")
                    .append(escape(build.getString("createdAt")))
                    .append("</td><td>");
            form(html, basePath + UI_ROLLBACK_PATH, version, "Serve this version");
            html.append("</td></tr>");
        }
        html.append("</table>");
    }

    private static void serverSection(StringBuilder html, String basePath, JsonObject server) {
        html.append("<h2>Server builds</h2><p>Current: <span id=\"server-current\">")
                .append(escape(text(server, "current", "the source jar")))
                .append("</span>; running: ")
                .append(escape(text(server, "running", "the source jar")))
                .append("</p>");
        form(html, basePath + SERVER_ROLLBACK_PATH, null, "Roll back the server to the previous known-good build");
        html.append("<table id=\"server-builds\"><tr><th>build</th><th>known-good</th><th>created</th></tr>");
        for (JsonObject build : objects(server.getJsonArray("builds"))) {
            html.append(build.getBoolean("current", false) ? "<tr class=\"current\">" : "<tr>")
                    .append("<td>")
                    .append(escape(build.getString("buildId")))
                    .append("</td><td>")
                    .append(build.getBoolean("knownGood", false) ? "yes" : "no")
                    .append("</td><td>")
                    .append(escape(build.getString("createdAt")))
                    .append("</td></tr>");
        }
        html.append("</table>");
    }

    private static void form(StringBuilder html, String action, String version, String label) {
        html.append("<form method=\"post\" action=\"").append(escape(action)).append("\">");
        if (version != null) {
            html.append("<input type=\"hidden\" name=\"version\" value=\"")
                    .append(escape(version))
                    .append("\">");
        }
        html.append("<button type=\"submit\">").append(escape(label)).append("</button></form>");
    }

    private static Iterable<JsonObject> objects(JsonArray array) {
        return array == null
                ? java.util.List.of()
                : array.stream().map(JsonObject.class::cast).toList();
    }

    private static String text(JsonObject json, String key, String fallback) {
        String value = json.getString(key);
        return value == null ? fallback : value;
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
