package io.cial.protocol;

/**
 * The seam through which an area asks the instance to restart itself, so that no area ever exits the JVM on its own.
 *
 * <p>{@link #RESTART_ACTION} on {@link Addresses#GATEWAY}: request {@code {"reason": "deploy <id>", "requestedBy":
 * userId}}. {@code Main} replies {@code {"accepted": true}} at once, then stops accepting on every listener, lets
 * in-flight requests finish (the self-edit listener holds its stop until its own in-flight answers are written), leaves
 * running turns' detached engines alone (they re-attach after the restart), undeploys every verticle and exits with
 * {@link #RESTART_EXIT_CODE}. The supervisor ({@code bin/cial}, or a container's restart policy) starts the current
 * build again on the same ports. A caller that gets no reply (no {@code Main}, a test) must report the restart as not
 * done, never assume it.
 */
public final class InstanceLifecycle {

    public static final String RESTART_ACTION = "instance.restart";
    /** The exit code meaning "restart me" to the supervisor ({@code EX_TEMPFAIL}). */
    public static final int RESTART_EXIT_CODE = 75;
    /**
     * Environment variable the supervisor sets to the self-edit build it started (a deploy id); absent when the
     * instance
     * runs from the source tree's own jar.
     */
    public static final String BUILD_ID_ENV = "CIAL_BUILD_ID";
    /** Environment variable that says a supervisor restarts the instance on {@link #RESTART_EXIT_CODE} ({@code 1}). */
    public static final String SUPERVISED_ENV = "CIAL_SUPERVISED";

    private InstanceLifecycle() {}
}
