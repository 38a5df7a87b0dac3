package io.cial.sessions.api;

import io.cial.protocol.ApiException;
import io.cial.protocol.ErrorCode;
import java.util.Locale;

/** The engine family that runs a session's turns. The wire form is the lower-case name. */
public enum Provider {
    /** The Claude Code CLI against Anthropic (or ANTHROPIC_BASE_URL). */
    CLAUDE,
    /** The Claude Code CLI against Kimi's Anthropic-compatible endpoint. */
    KIMI,
    /** The offline demo engine: no account, no network. */
    DEMO;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The provider for a wire name.
     *
     * @throws ApiException {@code code} (a validation code of the caller's choosing) naming {@code field}
     */
    public static Provider parse(String value, ErrorCode code, String field) {
        for (Provider provider : values()) {
            if (provider.wire().equals(value)) {
                return provider;
            }
        }
        // The rejected value is not repeated back: it could be anything, a pasted secret included.
        throw ApiException.of(code, "'%s' must be one of claude, kimi, demo", field);
    }
}
