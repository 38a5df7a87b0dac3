package io.cial.selfedit.impl;

import io.cial.protocol.ApiResponse;
import io.cial.protocol.Principal;
import io.cial.selfedit.api.SelfEditOperations;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The recovery page's routes on the loopback listener, outside the OpenAPI router (the contract loader has no
 * text/html). The page reads and acts through the same self-edit operations as any client; each form post redirects
 * back to the page with what happened.
 */
final class RecoveryRoutes {

    private static final int FORM_LIMIT_BYTES = 4096;

    private final AreaCaller caller;

    RecoveryRoutes(AreaCaller caller) {
        this.caller = caller;
    }

    void mount(Router root, String basePath) {
        root.get(basePath + RecoveryPage.PATH).handler(rc -> page(rc, basePath));
        BodyHandler form = BodyHandler.create().setBodyLimit(FORM_LIMIT_BYTES).setHandleFileUploads(false);
        root.post(basePath + RecoveryPage.UI_ROLLBACK_PATH)
                .handler(form)
                .handler(rc -> act(rc, basePath, SelfEditOperations.ROLLBACK_UI, "version"));
        root.post(basePath + RecoveryPage.SERVER_ROLLBACK_PATH)
                .handler(form)
                .handler(rc -> act(rc, basePath, SelfEditOperations.ROLLBACK, "buildId"));
    }

    private void page(RoutingContext rc, String basePath) {
        Principal owner = Principal.owner(Principal.Kind.LOOPBACK);
        Future.all(
                        caller.call(owner, SelfEditOperations.LIST_UI_BUILDS, null, null, null),
                        caller.call(owner, SelfEditOperations.LIST_BUILDS, null, null, null))
                .onSuccess(all -> rc.response()
                        .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
                        .putHeader("Cache-Control", "no-store")
                        .putHeader(
                                "Content-Security-Policy",
                                "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'")
                        .end(RecoveryPage.render(
                                basePath,
                                (JsonObject) all.<ApiResponse>resultAt(0).body(),
                                (JsonObject) all.<ApiResponse>resultAt(1).body(),
                                rc.queryParams().get("message"))))
                .onFailure(rc::fail);
    }

    private void act(RoutingContext rc, String basePath, String action, String field) {
        String value = rc.request().getFormAttribute("version");
        JsonObject body = value == null || value.isBlank() ? new JsonObject() : new JsonObject().put(field, value);
        caller.call(Principal.owner(Principal.Kind.LOOPBACK), action, null, null, body)
                .map(response -> done(action, (JsonObject) response.body()))
                .otherwise(failure ->
                        "Not done: " + AreaCaller.toApiException(failure).getMessage())
                .onSuccess(message -> rc.response()
                        .setStatusCode(303)
                        .putHeader(
                                HttpHeaders.LOCATION,
                                basePath + RecoveryPage.PATH + "?message="
                                        + URLEncoder.encode(message, StandardCharsets.UTF_8))
                        .end());
    }

    private static String done(String action, JsonObject body) {
        if (SelfEditOperations.ROLLBACK_UI.equals(action)) {
            return "The UI now serves version " + body.getString("current") + ".";
        }
        return "The server build is now " + body.getString("buildId") + " (" + body.getString("status") + ").";
    }
}
