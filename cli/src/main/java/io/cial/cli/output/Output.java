package io.cial.cli.output;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.time.Clock;

/**
 * Where a command writes: stdout for results (the API's JSON as is with {@code --json}, readable text otherwise) and
 * stderr for progress, hints and errors. Every write is flushed, so streamed text appears as it arrives.
 */
public final class Output {

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;
    private final RelativeTime time;

    public Output(PrintWriter out, PrintWriter err, boolean json, Clock clock) {
        this.out = out;
        this.err = err;
        this.json = json;
        this.time = new RelativeTime(clock);
    }

    /** True when the user asked for machine output ({@code --json}). */
    public boolean json() {
        return json;
    }

    public PrintWriter out() {
        return out;
    }

    public RelativeTime time() {
        return time;
    }

    /** One JSON value on one line, exactly as the API sent it. */
    public void printJson(Object value) {
        out.println(value instanceof JsonObject o ? o.encode() : value instanceof JsonArray a ? a.encode() : value);
        out.flush();
    }

    /** A JSON value pretty-printed, for readable output of a shape the CLI has no table for. */
    public void printPretty(Object value) {
        out.println(
                value instanceof JsonObject o
                        ? o.encodePrettily()
                        : value instanceof JsonArray a ? a.encodePrettily() : String.valueOf(value));
        out.flush();
    }

    public void line(String text) {
        out.println(text);
        out.flush();
    }

    /** Text without a line break (streamed deltas). */
    public void text(String text) {
        out.print(text);
        out.flush();
    }

    /** A line on stderr: progress, tool activity, hints. */
    public void note(String text) {
        err.println(text);
        err.flush();
    }

    /** An error line on stderr, in the one form {@code cial-cli: <message>}. */
    public void error(String message) {
        note("cial-cli: " + message);
    }
}
