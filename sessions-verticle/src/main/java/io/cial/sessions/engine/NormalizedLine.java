package io.cial.sessions.engine;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What one engine output line means to the server.
 *
 * @param events the normalized events (see {@link EngineEvents}), often none
 * @param engineSessionId the session id an init line announced, or null
 */
public record NormalizedLine(List<JsonObject> events, String engineSessionId) {

    public static final NormalizedLine NOTHING = new NormalizedLine(List.of(), null);
}
