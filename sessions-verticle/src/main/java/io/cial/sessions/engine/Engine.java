package io.cial.sessions.engine;

import io.vertx.core.Future;

/**
 * An engine family: how to run one turn as a detached process whose stdout is Claude Code stream-json. Engines only
 * build the command; spawning, tailing and parsing are the same for every engine.
 */
public interface Engine {

    /**
     * Checks that the engine can run for this turn and builds its command line and environment.
     *
     * @return fails with {@code no_credential} (no usable model credential) or {@code engine_unavailable} (the engine's
     *     program cannot be found)
     */
    Future<EngineLaunch> prepare(TurnSpec turn);
}
