package io.cial.vault.api;

import io.cial.protocol.ApiException;
import java.util.Arrays;

/** The tier a tool or model account belongs to. Wire names {@code user} and {@code instance}; the default is user. */
public enum Scope {
    /** The calling user's own tier; wins over the instance tier. */
    USER("user"),
    /** Shared by every user of the instance; changing it needs the manage gate. */
    INSTANCE("instance");

    private final String wire;

    Scope(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The owner column of a row of this tier: the user's id, or the empty string for the instance. */
    public String ownerOf(String userId) {
        return this == USER ? userId : "";
    }

    /**
     * Reads a wire name; null means {@link #USER}.
     *
     * @throws ApiException {@code validation_failed} naming {@code field} for an unknown name
     */
    public static Scope fromWire(String value, String field) {
        if (value == null) {
            return USER;
        }
        return Arrays.stream(values())
                .filter(scope -> scope.wire.equals(value))
                .findFirst()
                .orElseThrow(() -> ApiException.validation("%s must be 'user' or 'instance'", field));
    }
}
