package io.cial.protocol;

/**
 * Area-to-area actions on {@link Addresses#VAULT}. Their requests and replies are plain JSON objects (no principal
 * envelope); the gateway never forwards them, since they are not operations of the contract.
 *
 * <p>{@link #RESOLVE_FOR_TURN}: what a turn of one session may use. Request {@code {"userId": "…", "sessionId": "…",
 * "provider": "claude" | "kimi" | "demo"}}. Reply:
 *
 * <pre>{@code
 * {
 *   "credential": {
 *     "provider": "claude",
 *     "kind": "anthropic_api_key" | "anthropic_oauth" | "kimi_api_key" | "none",
 *     "source": "user" | "instance" | "environment" | "none",
 *     "env": {"ANTHROPIC_API_KEY": "…"},   // or CLAUDE_CODE_OAUTH_TOKEN; for kimi ANTHROPIC_BASE_URL,
 *                                          // ANTHROPIC_AUTH_TOKEN and ANTHROPIC_MODEL
 *     "model": "kimi-k2.5"                 // present only when the provider imposes a model
 *   },
 *   "env": {"NAME": "value"},               // enabled env tools, user tier over instance tier
 *   "mcpServers": {                         // the mcpServers object of a Claude Code --mcp-config file
 *     "name": {"command": "…", "args": ["…"], "env": {"K": "v"}}
 *           | {"type": "http", "url": "https://…", "headers": {"K": "v"}}
 *   },
 *   "markdown": [{"name": "…", "text": "…"}]
 * }
 * }</pre>
 *
 * The credential follows the user's own account, then the instance's account, then the server's environment ({@code
 * ANTHROPIC_API_KEY} or {@code CLAUDE_CODE_OAUTH_TOKEN} for claude, {@code KIMI_API_KEY} for kimi); within one tier an
 * API key wins over an OAuth token. An OAuth token close to expiry is refreshed first. Tools honour their enabled flag
 * and the session's overrides. Fails {@code no_credential} (422) when the provider has no usable credential, and
 * {@code validation_failed} (400) for a missing field or an unknown provider. The reply carries secrets by design: it
 * goes to the sessions area only and must never be logged.
 *
 * <p>{@link #FORGET_SESSION}: drops a deleted session's tool overrides. Request {@code {"userId": "…", "sessionId":
 * "…"}}, reply {@code {"removed": n}}.
 */
public final class VaultActions {

    public static final String RESOLVE_FOR_TURN = "vault.resolveForTurn";
    public static final String FORGET_SESSION = "vault.forgetSession";

    private VaultActions() {}
}
