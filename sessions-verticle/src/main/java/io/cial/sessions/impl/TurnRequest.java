package io.cial.sessions.impl;

import io.cial.sessions.api.Provider;
import java.util.List;

/**
 * What a client asks for when it starts a turn, over REST ({@code startTurn}) or the WebSocket ({@code turn.start}).
 *
 * @param provider the engine for this turn and the session's from now on, or null to keep the session's
 * @param model the model, or null to keep the session's
 * @param knowledges knowledge names to draw on, besides the ones the text @-mentions
 * @param attachments ids of the caller's uploads to attach to the message
 */
public record TurnRequest(
        String text, Provider provider, String model, List<String> knowledges, List<String> attachments) {

    public TurnRequest {
        knowledges = List.copyOf(knowledges);
        attachments = List.copyOf(attachments);
    }

    /** A plain text turn that keeps the session's engine. */
    public static TurnRequest of(String text) {
        return new TurnRequest(text, null, null, List.of(), List.of());
    }
}
