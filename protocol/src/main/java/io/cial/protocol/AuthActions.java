package io.cial.protocol;

/**
 * Bus actions the gateway uses to resolve identities that only an area can verify.
 *
 * <p>{@link #VERIFY_AGENT_TOKEN} on {@link Addresses#SESSIONS}: request {@code {"token": "cial_at_…"}}, reply {@code
 * {"userId": …, "turnId": …, "sessionId": …}} while the token's turn runs, or fail {@code unauthenticated}.
 *
 * <p>{@link #INSTANCE_INFO} on {@link Addresses#GATEWAY}: reply {@code {"apiUrl": "http://host:port/.cial/api"}}, the
 * URL an engine on this machine uses to call the API.
 */
public final class AuthActions {

    public static final String VERIFY_AGENT_TOKEN = "auth.verifyAgentToken";
    public static final String INSTANCE_INFO = "instance.info";
    /** Prefix of every agent token. */
    public static final String AGENT_TOKEN_PREFIX = "cial_at_";

    private AuthActions() {}
}
