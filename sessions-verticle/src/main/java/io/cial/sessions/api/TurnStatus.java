package io.cial.sessions.api;

import java.util.Locale;

/** How a turn ended, as carried by {@code turn.done}. A turn still streaming has no status yet. */
public enum TurnStatus {
    OK,
    ERROR,
    CANCELLED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
