package io.cial.selfedit.api;

import io.vertx.core.json.JsonObject;

/**
 * One deploy as stored in the history.
 *
 * @param deployId sortable id {@code yyyyMMdd-HHmmssSSS-xxxx} (UTC); also the id of the build and UI version it made
 * @param status where it stands
 * @param requestedBy the user whose sockets got its frames
 * @param startedAt ISO-8601 instant
 * @param durationMs build and staging time
 * @param exitCode the build command's exit code, -1 when it was killed or never ran
 * @param errorSummary the last 20 lines of error output (empty on success), or why staging or the restart failed
 * @param logPath the deploy log
 * @param buildId the staged build, null unless the build succeeded
 * @param uiVersion the UI version installed from the tree, or null
 */
public record Deploy(
        String deployId,
        DeployStatus status,
        String requestedBy,
        String startedAt,
        long durationMs,
        int exitCode,
        String errorSummary,
        String logPath,
        String buildId,
        String uiVersion) {

    /** Whether the deploy answers 200 (built, restarting, live) rather than 500. */
    public boolean ok() {
        return status != DeployStatus.FAILED && status != DeployStatus.RESTART_FAILED;
    }

    public Deploy withStatus(DeployStatus next, String summary) {
        return new Deploy(
                deployId, next, requestedBy, startedAt, durationMs, exitCode, summary, logPath, buildId, uiVersion);
    }

    /** The contract's {@code Deploy} schema, with the log tail read by the caller. */
    public JsonObject toJson(String logTail) {
        return new JsonObject()
                .put("ok", ok())
                .put("status", status.wire())
                .put("deployId", deployId)
                .put("startedAt", startedAt)
                .put("durationMs", durationMs)
                .put("exitCode", exitCode)
                .put("errorSummary", errorSummary)
                .put("logTail", logTail)
                .put("logPath", logPath)
                .put("buildId", buildId)
                .put("uiVersion", uiVersion);
    }
}
