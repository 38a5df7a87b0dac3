package io.cial.vault.impl;

import io.cial.protocol.ApiException;
import io.cial.protocol.ErrorCode;
import io.cial.protocol.Principal;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** The manage gate and id minting, shared by the vault's services. */
final class Gate {

    private Gate() {}

    /**
     * Lets only callers that may manage the vault through: agent tokens read the vault masked but change nothing and
     * never see a secret.
     *
     * @throws ApiException {@code manage_required} (403) for an agent token
     */
    static void requireManage(Principal principal, String action) {
        if (!principal.canManage()) {
            throw ApiException.of(
                    ErrorCode.MANAGE_REQUIRED,
                    "an agent token cannot %s; use the owner's credentials (manage gate)",
                    action);
        }
    }

    /**
     * A new opaque id with a readable prefix, e.g. {@code tool_3f2a…}: 128 random bits. Ids guard nothing (every
     * lookup checks the owner), so a fast non-blocking generator is enough on the event loop.
     */
    static String newId(String prefix) {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return prefix + "_" + HexFormat.of().formatHex(bytes);
    }
}
