package io.cial.vault;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OAuth 2.0 authorization server on 127.0.0.1:0 that speaks the real protocol: {@code GET /authorize} (PKCE S256,
 * redirect with code and state) and {@code POST /token} with the authorization_code grant (verifying the code
 * verifier against the challenge, the client and the redirect URI) and the refresh_token grant (rotating the refresh
 * token). It accepts JSON bodies (Anthropic's form) and form bodies (RFC 6749), and counts token requests.
 */
final class FakeOAuthServer {

    static final String CLIENT_ID = "cial-test-client";
    static final String REDIRECT_URI = "https://example.test/oauth/callback";

    private record Grant(String challenge, String clientId, String redirectUri) {}

    private final Vertx vertx;
    private final String tokenPrefix;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Map<String, Boolean> refreshTokens = new ConcurrentHashMap<>();
    private final AtomicInteger issued = new AtomicInteger();
    private final AtomicInteger codeRequests = new AtomicInteger();
    private final AtomicInteger refreshRequests = new AtomicInteger();
    private volatile long codeExpiresIn = 3600;
    private volatile long refreshExpiresIn = 3600;
    private volatile long refreshDelayMs;
    private volatile String lastContentType;
    private HttpServer server;

    FakeOAuthServer(Vertx vertx, String tokenPrefix) {
        this.vertx = vertx;
        this.tokenPrefix = tokenPrefix;
    }

    FakeOAuthServer start() {
        server = vertx.createHttpServer()
                .requestHandler(this::handle)
                .listen(0, "127.0.0.1")
                .await();
        return this;
    }

    void stop() {
        server.close().await();
    }

    String base() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    /** The vault config section pointing at this server. */
    JsonObject vaultConfig(String tokenFormat) {
        return new JsonObject()
                .put(VaultConfig.OAUTH_AUTHORIZE_URL, base() + "/authorize")
                .put(VaultConfig.OAUTH_TOKEN_URL, base() + "/token")
                .put(VaultConfig.OAUTH_CLIENT_ID, CLIENT_ID)
                .put(VaultConfig.OAUTH_REDIRECT_URI, REDIRECT_URI)
                .put(VaultConfig.OAUTH_TOKEN_FORMAT, tokenFormat);
    }

    /** Lifetimes of tokens from the code grant and from refreshes. */
    FakeOAuthServer expiresIn(long fromCode, long fromRefresh) {
        this.codeExpiresIn = fromCode;
        this.refreshExpiresIn = fromRefresh;
        return this;
    }

    /** Holds each refresh answer back, so concurrent refreshes surely overlap. */
    FakeOAuthServer refreshDelay(long millis) {
        this.refreshDelayMs = millis;
        return this;
    }

    /**
     * Plays the user's browser: opens the authorization URL and reads the code and state from the redirect.
     *
     * @return {@code [code, state]}
     */
    String[] signIn(String authorizationUrl) {
        WebClient browser = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false));
        try {
            HttpResponse<Buffer> response =
                    browser.getAbs(authorizationUrl).send().await();
            if (response.statusCode() != 302) {
                throw new IllegalStateException("authorization refused: " + response.bodyAsString());
            }
            QueryStringDecoder redirect = new QueryStringDecoder(response.getHeader("Location"));
            return new String[] {
                redirect.parameters().get("code").get(0),
                redirect.parameters().get("state").get(0)
            };
        } finally {
            browser.close();
        }
    }

    int codeRequests() {
        return codeRequests.get();
    }

    int refreshRequests() {
        return refreshRequests.get();
    }

    String lastContentType() {
        return lastContentType;
    }

    private void handle(HttpServerRequest request) {
        if ("/authorize".equals(request.path())) {
            authorize(request);
        } else if ("/token".equals(request.path())) {
            request.body().onSuccess(body -> token(request, body));
        } else {
            request.response().setStatusCode(404).end();
        }
    }

    private void authorize(HttpServerRequest request) {
        MultiMap q = request.params();
        if (!"code".equals(q.get("response_type"))
                || !CLIENT_ID.equals(q.get("client_id"))
                || !"S256".equals(q.get("code_challenge_method"))
                || q.get("code_challenge") == null
                || q.get("state") == null) {
            request.response().setStatusCode(400).end("bad authorization request");
            return;
        }
        String code = "code-" + issued.incrementAndGet();
        codes.put(code, new Grant(q.get("code_challenge"), q.get("client_id"), q.get("redirect_uri")));
        String location = q.get("redirect_uri") + "?code=" + code + "&state=" + encode(q.get("state"));
        request.response().setStatusCode(302).putHeader("Location", location).end();
    }

    private void token(HttpServerRequest request, Buffer body) {
        lastContentType = request.getHeader("Content-Type");
        JsonObject fields = parse(lastContentType, body);
        String grantType = fields.getString("grant_type", "");
        if ("authorization_code".equals(grantType)) {
            codeRequests.incrementAndGet();
            answer(request, codeGrant(fields), codeExpiresIn, 0);
        } else if ("refresh_token".equals(grantType)) {
            refreshRequests.incrementAndGet();
            answer(request, refreshGrant(fields), refreshExpiresIn, refreshDelayMs);
        } else {
            error(request, "unsupported_grant_type");
        }
    }

    private boolean codeGrant(JsonObject fields) {
        Grant grant = codes.remove(fields.getString("code", ""));
        return grant != null
                && grant.clientId().equals(fields.getString("client_id"))
                && grant.redirectUri().equals(fields.getString("redirect_uri"))
                && grant.challenge().equals(challengeOf(fields.getString("code_verifier", "")));
    }

    private boolean refreshGrant(JsonObject fields) {
        return CLIENT_ID.equals(fields.getString("client_id"))
                && refreshTokens.remove(fields.getString("refresh_token", "")) != null;
    }

    private void answer(HttpServerRequest request, boolean granted, long expiresIn, long delayMs) {
        if (!granted) {
            error(request, "invalid_grant");
            return;
        }
        int n = issued.incrementAndGet();
        String refresh = tokenPrefix + "refresh-" + n;
        refreshTokens.put(refresh, true);
        JsonObject tokens = new JsonObject()
                .put("token_type", "Bearer")
                .put("access_token", tokenPrefix + "access-" + n)
                .put("refresh_token", refresh)
                .put("expires_in", expiresIn);
        Future<Void> wait =
                delayMs == 0 ? Future.succeededFuture() : vertx.timer(delayMs).mapEmpty();
        wait.onComplete(done ->
                request.response().putHeader("Content-Type", "application/json").end(tokens.encode()));
    }

    private static void error(HttpServerRequest request, String code) {
        request.response()
                .setStatusCode(400)
                .putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("error", code).encode());
    }

    private static JsonObject parse(String contentType, Buffer body) {
        if (contentType != null && contentType.startsWith("application/x-www-form-urlencoded")) {
            JsonObject fields = new JsonObject();
            for (String pair : body.toString(StandardCharsets.UTF_8).split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    fields.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
                }
            }
            return fields;
        }
        return body.length() == 0 ? new JsonObject() : new JsonObject(body);
    }

    static String challengeOf(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String decode(String value) {
        return java.net.URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
