package io.cial.sessions.engine;

/**
 * One turn as an engine sees it.
 *
 * @param engineSessionId the session's engine session id, minted once
 * @param resume whether the engine already confirmed that session (resume it) or not (create it)
 * @param model the session's model, or null for the engine's default
 * @param agentToken the turn's {@code cial_at_…} token, handed to the engine as CIAL_TOKEN
 * @param apiUrl the instance API URL for CIAL_API_URL, or null when unknown
 * @param context the credential, tools, knowledges and attachments resolved for this turn
 */
public record TurnSpec(
        String turnId,
        String sessionId,
        String userId,
        String engineSessionId,
        boolean resume,
        String model,
        String agentToken,
        String apiUrl,
        TurnContext context) {

    /** Without the agent token, which is a secret. */
    @Override
    public String toString() {
        return "TurnSpec[turn=" + turnId + ", session=" + sessionId + ", resume=" + resume + ", model=" + model + ", "
                + context + "]";
    }
}
