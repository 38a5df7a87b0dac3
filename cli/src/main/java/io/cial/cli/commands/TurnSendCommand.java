package io.cial.cli.commands;

import io.cial.cli.CliException;
import io.cial.cli.CliRuntime;
import io.cial.cli.ws.EventSocket;
import io.cial.protocol.Frames;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code cial-cli turn send [--session ID] [--provider P] [--model M] TEXT|-}: opens the WebSocket, sends
 * {@code turn.start}, and streams the answer's text to stdout as it arrives (tool activity as short lines on stderr),
 * reconnecting without loss if the connection drops. Exits 0 when the turn ends {@code ok}, 1 when it fails or is
 * cancelled; Ctrl-C sends {@code turn.cancel} and waits briefly for the turn to end.
 */
@Command(
        name = "send",
        mixinStandardHelpOptions = true,
        description = "Start a turn and stream the answer to stdout (tool activity on stderr).")
final class TurnSendCommand implements Callable<Integer> {

    static final String START_ID = "start-1";
    /** How long to wait for {@code turn.started} before giving up. */
    static final long START_TIMEOUT_MS = 60_000;
    /** How long Ctrl-C waits for the cancelled turn to end before the CLI exits anyway. */
    static final long CANCEL_WAIT_MS = 10_000;

    @ParentCommand
    TurnCommand turn;

    @Option(names = "--session", paramLabel = "ID", description = "Continue this session (default: a new session).")
    String sessionId;

    @Option(names = "--provider", paramLabel = "PROVIDER", description = "claude, kimi or demo.")
    String provider;

    @Option(names = "--model", paramLabel = "MODEL")
    String model;

    @Option(
            names = "--reconnect-timeout",
            paramLabel = "SECONDS",
            description = "How long to keep reconnecting after the connection drops (default 120).")
    long reconnectTimeout = EventSocket.Options.DEFAULT_GIVE_UP_MS / 1000;

    @Option(
            names = "--attach",
            paramLabel = "FILE",
            description = "Upload FILE and attach it to the turn (repeatable); the engine gets its path.")
    List<String> attach = new ArrayList<>();

    @Option(
            names = "--knowledge",
            paramLabel = "NAME",
            description = "Give the turn this knowledge base (repeatable); @NAME in the text works too.")
    List<String> knowledges = new ArrayList<>();

    @Parameters(paramLabel = "TEXT", description = "The prompt; - reads it from stdin.")
    String text;

    @Override
    public Integer call() throws InterruptedException {
        String prompt = prompt();
        CliRuntime rt = turn.root.runtime();
        List<String> attachments = upload(rt);
        BlockingQueue<EventSocket.Signal> signals = new LinkedBlockingQueue<>();
        EventSocket socket = rt.socket(socketOptions(), signals::add);
        socket.connect().await();
        TurnWatcher watcher = new TurnWatcher(rt.output(), START_ID, sessionId == null);
        Thread onCtrlC = new Thread(() -> cancel(rt, socket, watcher), "cial-cli-cancel");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        try {
            socket.startTurn(startFrame(prompt, attachments)).await();
            return watch(watcher, signals);
        } catch (CliException e) {
            // Reported here, not by the handler, so a Ctrl-C waiting on close() exits only after the message.
            rt.output().error(e.getMessage());
            return e.exitCode();
        } finally {
            watcher.close();
            removeHook(onCtrlC);
            socket.close().await();
        }
    }

    private int watch(TurnWatcher watcher, BlockingQueue<EventSocket.Signal> signals) throws InterruptedException {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (true) {
            long wait = watcher.started() ? Long.MAX_VALUE : deadline - System.currentTimeMillis();
            EventSocket.Signal signal = signals.poll(Math.max(wait, 0), TimeUnit.MILLISECONDS);
            if (signal == null) {
                throw CliException.failure(
                        "the instance did not acknowledge turn.start within %d s", START_TIMEOUT_MS / 1000);
            }
            Integer exit = watcher.onSignal(signal);
            if (exit != null) {
                return exit;
            }
        }
    }

    private JsonObject startFrame(String prompt, List<String> attachments) {
        JsonObject frame = new JsonObject()
                .put("type", Frames.TURN_START)
                .put("id", START_ID)
                .put("text", prompt);
        putIfSet(frame, "sessionId", sessionId);
        putIfSet(frame, "provider", provider);
        putIfSet(frame, "model", model);
        if (!attachments.isEmpty()) {
            frame.put("attachments", new JsonArray(attachments));
        }
        if (!knowledges.isEmpty()) {
            frame.put("knowledges", new JsonArray(knowledges));
        }
        return frame;
    }

    /** Uploads every --attach file before the turn starts; their upload ids go into turn.start. */
    private List<String> upload(CliRuntime rt) {
        List<String> ids = new ArrayList<>();
        for (String name : attach) {
            Path file = Input.readableFile(name);
            JsonObject upload = rt.op("uploadFile")
                    .query("filename", file.getFileName().toString())
                    .file(file)
                    .object();
            rt.output().note("[attached] " + upload.getString("name") + " (" + upload.getString("id") + ")");
            ids.add(upload.getString("id"));
        }
        return ids;
    }

    private String prompt() {
        String value = text;
        if ("-".equals(text)) {
            try {
                value = new String(turn.root.stdin().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw CliException.usage("cannot read the prompt from stdin: %s", e.getMessage());
            }
        }
        if (value.isBlank()) {
            throw CliException.usage("the prompt is empty");
        }
        return value;
    }

    /** Ctrl-C: ask the server to cancel (over the socket, or REST when it is down), then let the turn end. */
    private static void cancel(CliRuntime rt, EventSocket socket, TurnWatcher watcher) {
        String session = watcher.sessionId();
        if (watcher.finished() || session == null) {
            return;
        }
        rt.output().note("cial-cli: cancelling the turn...");
        JsonObject frame = new JsonObject().put("type", Frames.TURN_CANCEL).put("sessionId", session);
        // The socket may be down (reconnecting): then the REST operation cancels instead.
        Future<?> sent = socket.send(frame).recover(e -> rt.op("cancelTurn")
                .path("sessionId", session)
                .sendAsync()
                .mapEmpty());
        try {
            sent.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            watcher.awaitFinished(CANCEL_WAIT_MS);
        } catch (Exception e) {
            rt.output().note("cial-cli: could not cancel the turn: " + e.getMessage());
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is exiting (Ctrl-C): the hook is running and finishes the cancel.
        }
    }

    private static void putIfSet(JsonObject frame, String key, String value) {
        if (value != null) {
            frame.put(key, value);
        }
    }

    private EventSocket.Options socketOptions() {
        if (reconnectTimeout < 0) {
            throw CliException.usage("--reconnect-timeout must be 0 or more, got %d", reconnectTimeout);
        }
        return new EventSocket.Options(EventSocket.Options.DEFAULT_PING_INTERVAL_MS, reconnectTimeout * 1000);
    }
}
