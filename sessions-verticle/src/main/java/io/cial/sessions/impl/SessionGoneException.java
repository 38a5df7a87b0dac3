package io.cial.sessions.impl;

/** The session of a running turn was deleted while the turn wrote to it; the turn's runner stops quietly. */
final class SessionGoneException extends RuntimeException {

    SessionGoneException(String sessionId) {
        super("session " + sessionId + " no longer exists", null, false, false);
    }
}
