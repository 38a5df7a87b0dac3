package io.cial.vault.impl;

import io.cial.protocol.ApiException;
import io.cial.protocol.ErrorCode;
import io.cial.vault.VaultConfig;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Talks to the OAuth token endpoint: the authorization-code grant with its PKCE verifier, and the refresh-token grant.
 * The body is JSON (Anthropic's endpoint) or a form (RFC 6749), per configuration. Neither requests nor answers are
 * ever logged; a failure reports the endpoint's error code only, never its body.
 */
final class OAuthClient {

    private static final Pattern ERROR_CODE = Pattern.compile("^[A-Za-z0-9_.-]{1,64}$");

    private final WebClient client;
    private final VaultConfig config;

    OAuthClient(WebClient client, VaultConfig config) {
        this.client = client;
        this.config = config;
    }

    /** @throws ApiException {@code validation_failed} when the code is rejected, {@code upstream_failed} otherwise */
    Future<TokenSet> exchangeCode(String code, String state, String verifier) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("grant_type", "authorization_code");
        fields.put("code", code);
        if (config.oauthTokenFormat() == VaultConfig.TokenFormat.JSON) {
            fields.put("state", state);
        }
        fields.put("client_id", config.oauthClientId());
        fields.put("redirect_uri", config.oauthRedirectUri());
        fields.put("code_verifier", verifier);
        return post(fields).map(response -> tokens(response, ErrorCode.VALIDATION_FAILED, "the authorization code"));
    }

    /** @throws ApiException {@code upstream_failed} when the endpoint is down or rejects the refresh token */
    Future<TokenSet> refresh(String refreshToken) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("grant_type", "refresh_token");
        fields.put("refresh_token", refreshToken);
        fields.put("client_id", config.oauthClientId());
        return post(fields).map(response -> tokens(response, ErrorCode.UPSTREAM_FAILED, "the refresh token"));
    }

    private Future<HttpResponse<Buffer>> post(Map<String, String> fields) {
        HttpRequest<Buffer> request = client.postAbs(config.oauthTokenUrl())
                .timeout(config.httpTimeoutMs())
                .putHeader("Accept", "application/json");
        Future<HttpResponse<Buffer>> sent;
        if (config.oauthTokenFormat() == VaultConfig.TokenFormat.FORM) {
            MultiMap form = MultiMap.caseInsensitiveMultiMap();
            fields.forEach(form::add);
            sent = request.sendForm(form);
        } else {
            JsonObject json = new JsonObject();
            fields.forEach(json::put);
            sent = request.sendJsonObject(json);
        }
        return sent.recover(failure -> Future.failedFuture(
                ApiException.of(ErrorCode.UPSTREAM_FAILED, "could not reach the OAuth token endpoint")));
    }

    private static TokenSet tokens(HttpResponse<Buffer> response, ErrorCode rejection, String what) {
        JsonObject body = jsonOrEmpty(response);
        int status = response.statusCode();
        if (status == 400 || status == 401) {
            throw ApiException.of(
                    rejection, "the OAuth token endpoint rejected %s (%s)", what, errorCode(body, status));
        }
        if (status / 100 != 2) {
            throw ApiException.of(ErrorCode.UPSTREAM_FAILED, "the OAuth token endpoint answered HTTP %d", status);
        }
        String access = body.getValue("access_token") instanceof String value && !value.isBlank() ? value : null;
        if (access == null) {
            throw ApiException.of(ErrorCode.UPSTREAM_FAILED, "the OAuth token endpoint's answer has no access_token");
        }
        String refresh = body.getValue("refresh_token") instanceof String value && !value.isBlank() ? value : null;
        Instant expiresAt = body.getValue("expires_in") instanceof Number seconds
                ? Instant.now().plusSeconds(seconds.longValue())
                : null;
        return new TokenSet(access, refresh, expiresAt);
    }

    private static JsonObject jsonOrEmpty(HttpResponse<Buffer> response) {
        try {
            Buffer body = response.body();
            return body == null ? new JsonObject() : new JsonObject(body);
        } catch (RuntimeException notJson) {
            return new JsonObject();
        }
    }

    private static String errorCode(JsonObject body, int status) {
        Object error = body.getValue("error");
        if (error instanceof JsonObject nested) {
            error = nested.getValue("type");
        }
        return error instanceof String code && ERROR_CODE.matcher(code).matches() ? code : "HTTP " + status;
    }
}
