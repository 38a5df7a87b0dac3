package io.cial.selfedit.api;

/**
 * The operations the self-edit area serves on {@code cial.selfedit}, by their contract operationId (the {@code action}
 * header); payloads in {@code openapi/selfedit.yaml}. All but {@link #REPORT_UI_BOOT} are reachable only through the
 * loopback listener.
 */
public final class SelfEditOperations {

    /** Build, stage and restart: 200 with a {@link Deploy} (restarting or built), 500 with one when it failed. */
    public static final String DEPLOY = "deploySelf";

    public static final String LIST_DEPLOYS = "listDeploys";
    /** One deploy; fails {@code not_found}. */
    public static final String GET_DEPLOY = "getDeploy";
    /** 202 once the instance accepted a restart; {@code conflict} without a supervisor. */
    public static final String RESTART = "restartSelf";

    public static final String LIST_BUILDS = "listBuilds";
    /** Pointer back to the previous known-good build, then restart; {@code conflict} when there is none. */
    public static final String ROLLBACK = "rollbackSelf";
    /** Commit the source tree; {@code validation_failed} or {@code conflict} on refusal. */
    public static final String COMMIT = "commitSelf";

    public static final String LIST_UI_BUILDS = "listUiBuilds";
    /** Point the served UI at the previous known-good version; {@code conflict} when there is none. */
    public static final String ROLLBACK_UI = "rollbackUi";
    /** The browser's boot report (public listener); agent tokens are refused. */
    public static final String REPORT_UI_BOOT = "reportUiBoot";

    private SelfEditOperations() {}
}
