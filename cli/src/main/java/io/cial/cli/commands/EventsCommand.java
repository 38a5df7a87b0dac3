package io.cial.cli.commands;

import io.cial.cli.CliException;
import io.cial.cli.CliRuntime;
import io.cial.cli.output.Output;
import io.cial.cli.output.Table;
import io.cial.cli.ws.EventSocket;
import io.cial.protocol.Frames;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code cial-cli sessions events ID [--after N] [--follow]}: the session's stored events after N (REST), or with
 * {@code --follow} the same events and then the live ones over the WebSocket, resumed without loss after a dropped
 * connection, until Ctrl-C (or the next {@code turn.done} with {@code --until-done}).
 */
@Command(
        name = "events",
        mixinStandardHelpOptions = true,
        description = "A session's events after a sequence number; --follow keeps streaming live events.")
final class EventsCommand implements Callable<Integer> {

    @ParentCommand
    SessionsCommand sessions;

    @Parameters(paramLabel = "ID")
    String id;

    @Option(names = "--after", paramLabel = "N", description = "The last sequence number already seen (default 0).")
    long after;

    @Option(names = "--limit", paramLabel = "N", description = "At most N stored events (server default 500).")
    Integer limit;

    @Option(names = "--follow", description = "Keep streaming live events (WebSocket) until interrupted.")
    boolean follow;

    @Option(
            names = "--reconnect-timeout",
            paramLabel = "SECONDS",
            description = "How long to keep reconnecting after the connection drops (default 120).")
    long reconnectTimeout = EventSocket.Options.DEFAULT_GIVE_UP_MS / 1000;

    @Option(names = "--until-done", description = "With --follow: stop after the first turn.done received.")
    boolean untilDone;

    @Override
    public Integer call() throws InterruptedException {
        if (after < 0) {
            throw CliException.usage("--after must be 0 or more, got %d", after);
        }
        if (untilDone && !follow) {
            throw CliException.usage("--until-done needs --follow");
        }
        CliRuntime rt = sessions.root.runtime();
        return follow ? follow(rt) : list(rt);
    }

    private int list(CliRuntime rt) {
        Output out = rt.output();
        JsonObject page = rt.op("listEvents")
                .path("sessionId", id)
                .query("after", after)
                .query("limit", limit)
                .object();
        if (out.json()) {
            out.printJson(page);
            return CliException.OK;
        }
        Table table = SessionViews.eventTable();
        page.getJsonArray("items", new JsonArray())
                .forEach(e -> SessionViews.addEvent(table, (JsonObject) e, out.time()));
        table.print(out.out());
        return CliException.OK;
    }

    private int follow(CliRuntime rt) throws InterruptedException {
        BlockingQueue<EventSocket.Signal> signals = new LinkedBlockingQueue<>();
        EventSocket socket = rt.socket(socketOptions(), signals::add);
        socket.connect().await();
        try {
            socket.subscribe(id, after).await();
            while (true) {
                Integer exit = onSignal(rt.output(), signals.take());
                if (exit != null) {
                    return exit;
                }
            }
        } finally {
            socket.close().await();
        }
    }

    private Integer onSignal(Output out, EventSocket.Signal signal) {
        if (signal instanceof EventSocket.Lost lost) {
            throw lost.failure();
        }
        if (signal instanceof EventSocket.Reconnecting r) {
            out.note("cial-cli: " + r.reason() + "; reconnecting...");
        } else if (signal instanceof EventSocket.Reconnected r) {
            out.note("cial-cli: reconnected; resuming after event " + r.after());
        } else if (signal instanceof EventSocket.Frame f) {
            return onFrame(out, f.frame());
        }
        return null;
    }

    private Integer onFrame(Output out, JsonObject frame) {
        String type = frame.getString("type", "");
        if (type.equals(Frames.ERROR)
                && String.valueOf(frame.getString("replyTo")).startsWith("resume-")) {
            throw CliException.failure("%s (%s)", frame.getString("message"), frame.getString("code"));
        }
        if (!id.equals(frame.getString("sessionId"))) {
            return null;
        }
        if (type.equals(Frames.SUBSCRIBED) && !out.json()) {
            out.note("following session " + id + " live after event " + frame.getValue("lastSeq"));
        } else if (type.equals(Frames.TURN_EVENT) || type.equals(Frames.TURN_DONE)) {
            if (out.json()) {
                out.printJson(frame);
            } else {
                out.line(SessionViews.eventLine(frame));
            }
            return untilDone && type.equals(Frames.TURN_DONE) ? CliException.OK : null;
        } else if (type.equals(Frames.SESSION_DELETED)) {
            out.note("cial-cli: session " + id + " was deleted");
            return CliException.OK;
        }
        return null;
    }

    private EventSocket.Options socketOptions() {
        if (reconnectTimeout < 0) {
            throw CliException.usage("--reconnect-timeout must be 0 or more, got %d", reconnectTimeout);
        }
        return new EventSocket.Options(EventSocket.Options.DEFAULT_PING_INTERVAL_MS, reconnectTimeout * 1000);
    }
}
