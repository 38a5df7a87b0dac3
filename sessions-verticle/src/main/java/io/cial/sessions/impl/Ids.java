package io.cial.sessions.impl;

import java.util.UUID;

/** Identifiers of the area's rows: a type prefix and a random UUID without dashes (matches the API's id pattern). */
public final class Ids {

    private Ids() {}

    public static String session() {
        return "ses_" + random();
    }

    public static String turn() {
        return "turn_" + random();
    }

    public static String message() {
        return "msg_" + random();
    }

    /** An engine session id: the Claude Code CLI requires a UUID. */
    public static String engineSession() {
        return UUID.randomUUID().toString();
    }

    private static String random() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
