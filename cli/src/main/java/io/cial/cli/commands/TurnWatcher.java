package io.cial.cli.commands;

import io.cial.cli.CliException;
import io.cial.cli.output.EventText;
import io.cial.cli.output.Output;
import io.cial.cli.ws.EventSocket;
import io.cial.protocol.Frames;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Follows one turn from {@code turn.start} to {@code turn.done} on the main thread: prints text deltas to stdout as
 * they arrive, tool uses and results as short lines on stderr (or every frame of the turn as JSON lines with
 * {@code --json}), and decides the exit code.
 */
final class TurnWatcher {

    private final Output out;
    private final String startId;
    private final boolean newSession;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile String sessionId;
    private volatile String turnId;
    /** stdout's last character is not a line break. */
    private boolean midLine;
    /** On a shared terminal the cursor sits after text; a stderr note must start on a fresh line. */
    private boolean cursorAfterText;

    /** @param newSession the turn creates its session: tell the user its id so they can continue it */
    TurnWatcher(Output out, String startId, boolean newSession) {
        this.out = out;
        this.startId = startId;
        this.newSession = newSession;
    }

    boolean started() {
        return turnId != null;
    }

    boolean finished() {
        return finished.getCount() == 0;
    }

    String sessionId() {
        return sessionId;
    }

    void awaitFinished(long ms) throws InterruptedException {
        finished.await(ms, TimeUnit.MILLISECONDS);
    }

    /** Everything about the turn has been printed; a Ctrl-C that waits for the end may let the JVM exit now. */
    void close() {
        finished.countDown();
    }

    /** Handles one signal; returns the exit code once the turn is over, else null. */
    Integer onSignal(EventSocket.Signal signal) {
        if (signal instanceof EventSocket.Lost lost) {
            endLine();
            throw lost.failure();
        }
        if (signal instanceof EventSocket.Reconnecting r) {
            note("cial-cli: " + r.reason() + "; reconnecting...");
        } else if (signal instanceof EventSocket.Reconnected r) {
            note("cial-cli: reconnected; resuming after event " + r.after());
        } else if (signal instanceof EventSocket.Frame f) {
            return onFrame(f.frame());
        }
        return null;
    }

    private Integer onFrame(JsonObject frame) {
        String type = frame.getString("type", "");
        String replyTo = frame.getString("replyTo");
        if (type.equals(Frames.ERROR) && (startId.equals(replyTo) || (!started() && replyTo == null))) {
            throw CliException.failure("%s (%s)", frame.getString("message"), frame.getString("code"));
        }
        if (type.equals(Frames.ERROR) && replyTo != null && replyTo.startsWith("resume-")) {
            endLine();
            throw CliException.failure(
                    "could not resume the turn: %s (%s)", frame.getString("message"), frame.getString("code"));
        }
        if (type.equals(Frames.TURN_STARTED) && startId.equals(replyTo)) {
            return onStarted(frame);
        }
        if (turnId == null || !turnId.equals(frame.getString("turnId"))) {
            return null;
        }
        if (out.json()) {
            out.printJson(frame);
        }
        if (type.equals(Frames.TURN_EVENT)) {
            onEvent(frame.getJsonObject("event", new JsonObject()));
        } else if (type.equals(Frames.TURN_DONE)) {
            return onDone(frame);
        }
        return null;
    }

    private Integer onStarted(JsonObject frame) {
        sessionId = frame.getString("sessionId");
        turnId = frame.getString("turnId");
        if (out.json()) {
            out.printJson(frame);
        } else if (newSession) {
            note("cial-cli: new session " + sessionId + " (continue it with --session " + sessionId + ")");
        }
        return null;
    }

    private void onEvent(JsonObject event) {
        if (out.json()) {
            return;
        }
        switch (EventText.kind(event)) {
            case "text" -> {
                String delta = event.getString("text", "");
                out.text(delta);
                if (!delta.isEmpty()) {
                    midLine = !delta.endsWith("\n");
                    cursorAfterText = midLine;
                }
            }
            case "tool_use" -> note("[tool] " + EventText.summary(event));
            case "tool_result" -> note("[tool result] " + EventText.summary(event));
            case "error" -> note("[error] " + EventText.summary(event));
            case "task" -> note("[task] " + EventText.summary(event));
            default -> {
                // thinking and result lines are not part of the answer; --json shows them.
            }
        }
    }

    private int onDone(JsonObject frame) {
        endLine();
        String status = frame.getString("status", "");
        if (status.equals("ok")) {
            return CliException.OK;
        }
        String error = frame.getString("error");
        String message = status.equals("cancelled") ? "turn cancelled" : "turn failed";
        out.error(error == null || error.isBlank() ? message : message + ": " + error);
        return CliException.FAILURE;
    }

    /** The answer ends with a line break, so the shell prompt starts on its own line. */
    private void endLine() {
        if (midLine && !out.json()) {
            out.text("\n");
            midLine = false;
            cursorAfterText = false;
        }
    }

    /** A stderr line; when stdout is mid-line (same terminal), the note starts on a fresh line. */
    private void note(String text) {
        out.note(cursorAfterText ? "\n" + text : text);
        cursorAfterText = false;
    }
}
