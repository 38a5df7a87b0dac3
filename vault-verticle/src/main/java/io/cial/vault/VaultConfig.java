package io.cial.vault;

import io.cial.protocol.InstanceConfig;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * The vault's settings, read once from the instance configuration and validated at start. Each setting below comes
 * from its environment variable (the instance's env copy; {@code CIAL_} plus the key in upper snake case, e.g. {@code
 * CIAL_OAUTH_TOKEN_URL}) when set, else from the key of the same name in the {@code vault} object of the instance
 * configuration, else from its default.
 *
 * <ul>
 *   <li>{@code CIAL_VAULT_KEY}: the master key, base64 of 32 bytes. Unset: the key in {@code <dataDir>/vault/
 *       master.key}, generated with owner-only permissions on first start. Never read from a config file.
 *   <li>{@link #OAUTH_AUTHORIZE_URL}, {@link #OAUTH_TOKEN_URL}, {@link #OAUTH_CLIENT_ID}, {@link
 *       #OAUTH_REDIRECT_URI}, {@link #OAUTH_SCOPES}: Anthropic's OAuth endpoints and client ({@code DEFAULT_*}).
 *   <li>{@link #OAUTH_TOKEN_FORMAT}: {@code json} (Anthropic's token endpoint, the default) or {@code form}
 *       (RFC 6749 form encoding).
 *   <li>{@link #OAUTH_REFRESH_MARGIN_SECONDS}: a token expiring within this margin is refreshed before a turn
 *       (default {@value #DEFAULT_OAUTH_REFRESH_MARGIN_SECONDS}).
 *   <li>{@link #OAUTH_FLOW_TTL_SECONDS}: how long a started sign-in may be completed (default {@value
 *       #DEFAULT_OAUTH_FLOW_TTL_SECONDS}).
 *   <li>{@link #HTTP_TIMEOUT_MS}: timeout of a token request (default {@value #DEFAULT_HTTP_TIMEOUT_MS}).
 *   <li>{@link #KIMI_BASE_URL}, {@link #KIMI_MODEL}: Kimi's Anthropic-compatible endpoint and model; the base URL
 *       falls back to the server's {@code KIMI_BASE_URL}, then {@value #DEFAULT_KIMI_BASE_URL}.
 *   <li>{@link #ANTHROPIC_BASE_URL}: handed to claude turns as {@code ANTHROPIC_BASE_URL}; falls back to the server's
 *       own {@code ANTHROPIC_BASE_URL} (default unset: the engine's default endpoint).
 * </ul>
 */
public final class VaultConfig {

    /** The area's name, its folder under the data directory, and the instance-config object of its settings. */
    public static final String AREA = "vault";

    public static final String MASTER_KEY_ENV = "CIAL_VAULT_KEY";
    public static final String MASTER_KEY_FILE = "master.key";
    public static final String DATABASE_FILE = "vault.db";
    public static final int MASTER_KEY_BYTES = 32;

    public static final String OAUTH_AUTHORIZE_URL = "oauthAuthorizeUrl";
    public static final String OAUTH_TOKEN_URL = "oauthTokenUrl";
    public static final String OAUTH_CLIENT_ID = "oauthClientId";
    public static final String OAUTH_REDIRECT_URI = "oauthRedirectUri";
    public static final String OAUTH_SCOPES = "oauthScopes";
    public static final String OAUTH_TOKEN_FORMAT = "oauthTokenFormat";
    public static final String OAUTH_REFRESH_MARGIN_SECONDS = "oauthRefreshMarginSeconds";
    public static final String OAUTH_FLOW_TTL_SECONDS = "oauthFlowTtlSeconds";
    public static final String HTTP_TIMEOUT_MS = "oauthHttpTimeoutMs";
    public static final String KIMI_BASE_URL = "kimiBaseUrl";
    public static final String KIMI_MODEL = "kimiModel";
    public static final String ANTHROPIC_BASE_URL = "anthropicBaseUrl";

    public static final String DEFAULT_OAUTH_AUTHORIZE_URL = "https://claude.ai/oauth/authorize";
    public static final String DEFAULT_OAUTH_TOKEN_URL = "https://console.anthropic.com/v1/oauth/token";
    public static final String DEFAULT_OAUTH_CLIENT_ID = "9d1c250a-e61b-44d9-88ed-5944d1962f5e";
    public static final String DEFAULT_OAUTH_REDIRECT_URI = "https://console.anthropic.com/oauth/code/callback";
    public static final String DEFAULT_OAUTH_SCOPES = "org:create_api_key user:profile user:inference";
    public static final String DEFAULT_OAUTH_TOKEN_FORMAT = "json";
    public static final int DEFAULT_OAUTH_REFRESH_MARGIN_SECONDS = 300;
    public static final int DEFAULT_OAUTH_FLOW_TTL_SECONDS = 600;
    public static final int DEFAULT_HTTP_TIMEOUT_MS = 15_000;
    public static final String DEFAULT_KIMI_BASE_URL = "https://api.moonshot.ai/anthropic";
    public static final String DEFAULT_KIMI_MODEL = "kimi-k2.5";
    /** The server's own variables the base URLs fall back to, as the environment-only credentials did. */
    public static final String ENV_ANTHROPIC_BASE_URL = "ANTHROPIC_BASE_URL";

    public static final String ENV_KIMI_BASE_URL = "KIMI_BASE_URL";

    /** How the token request body is encoded. */
    public enum TokenFormat {
        JSON,
        FORM
    }

    private final Path areaDir;
    private final byte[] masterKey;
    private final JsonObject environment;
    private final String oauthAuthorizeUrl;
    private final String oauthTokenUrl;
    private final String oauthClientId;
    private final String oauthRedirectUri;
    private final String oauthScopes;
    private final TokenFormat oauthTokenFormat;
    private final int oauthRefreshMarginSeconds;
    private final int oauthFlowTtlSeconds;
    private final int httpTimeoutMs;
    private final String kimiBaseUrl;
    private final String kimiModel;
    private final String anthropicBaseUrl;

    private VaultConfig(JsonObject instance) {
        Settings settings = new Settings(instance);
        this.areaDir = InstanceConfig.areaDir(instance, AREA);
        this.environment = InstanceConfig.env(instance);
        this.masterKey = decodeMasterKey(environment.getString(MASTER_KEY_ENV));
        this.oauthAuthorizeUrl = settings.url(OAUTH_AUTHORIZE_URL, DEFAULT_OAUTH_AUTHORIZE_URL);
        this.oauthTokenUrl = settings.url(OAUTH_TOKEN_URL, DEFAULT_OAUTH_TOKEN_URL);
        this.oauthClientId = settings.text(OAUTH_CLIENT_ID, DEFAULT_OAUTH_CLIENT_ID);
        this.oauthRedirectUri = settings.url(OAUTH_REDIRECT_URI, DEFAULT_OAUTH_REDIRECT_URI);
        this.oauthScopes = settings.text(OAUTH_SCOPES, DEFAULT_OAUTH_SCOPES);
        this.oauthTokenFormat = tokenFormat(settings.text(OAUTH_TOKEN_FORMAT, DEFAULT_OAUTH_TOKEN_FORMAT));
        this.oauthRefreshMarginSeconds =
                settings.positive(OAUTH_REFRESH_MARGIN_SECONDS, DEFAULT_OAUTH_REFRESH_MARGIN_SECONDS);
        this.oauthFlowTtlSeconds = settings.positive(OAUTH_FLOW_TTL_SECONDS, DEFAULT_OAUTH_FLOW_TTL_SECONDS);
        this.httpTimeoutMs = settings.positive(HTTP_TIMEOUT_MS, DEFAULT_HTTP_TIMEOUT_MS);
        this.kimiBaseUrl = settings.url(
                KIMI_BASE_URL,
                Optional.ofNullable(environmentValue(ENV_KIMI_BASE_URL)).orElse(DEFAULT_KIMI_BASE_URL));
        this.kimiModel = settings.text(KIMI_MODEL, DEFAULT_KIMI_MODEL);
        this.anthropicBaseUrl = settings.url(ANTHROPIC_BASE_URL, environmentValue(ENV_ANTHROPIC_BASE_URL));
    }

    /**
     * Reads and validates the vault's settings.
     *
     * @throws IllegalStateException naming the setting that is missing or malformed (never its value when secret)
     */
    public static VaultConfig from(JsonObject instance) {
        if (instance.getString(InstanceConfig.DATA_DIR) == null) {
            throw new IllegalStateException("vault: instance config has no " + InstanceConfig.DATA_DIR);
        }
        return new VaultConfig(instance);
    }

    /** The environment variable that overrides a setting, e.g. {@code CIAL_OAUTH_TOKEN_URL} for oauthTokenUrl. */
    public static String envName(String key) {
        return "CIAL_" + key.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    private static byte[] decodeMasterKey(String base64) {
        if (base64 == null || base64.isBlank()) {
            return null;
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("vault: " + MASTER_KEY_ENV + " is not valid base64");
        }
        if (key.length != MASTER_KEY_BYTES) {
            throw new IllegalStateException(
                    "vault: " + MASTER_KEY_ENV + " must decode to " + MASTER_KEY_BYTES + " bytes, got " + key.length);
        }
        return key;
    }

    private static TokenFormat tokenFormat(String value) {
        try {
            return TokenFormat.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("vault: " + OAUTH_TOKEN_FORMAT + " must be json or form, got " + value);
        }
    }

    public Path areaDir() {
        return areaDir;
    }

    public Path databaseFile() {
        return areaDir.resolve(DATABASE_FILE);
    }

    public Path masterKeyFile() {
        return areaDir.resolve(MASTER_KEY_FILE);
    }

    /** The master key from {@code CIAL_VAULT_KEY}, if the environment supplies one. */
    public Optional<byte[]> suppliedMasterKey() {
        return Optional.ofNullable(masterKey).map(byte[]::clone);
    }

    /** The server's environment (the instance's copy): the last fallback for model credentials. */
    public String environmentValue(String name) {
        String value = environment.getString(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    public String oauthAuthorizeUrl() {
        return oauthAuthorizeUrl;
    }

    public String oauthTokenUrl() {
        return oauthTokenUrl;
    }

    public String oauthClientId() {
        return oauthClientId;
    }

    public String oauthRedirectUri() {
        return oauthRedirectUri;
    }

    public String oauthScopes() {
        return oauthScopes;
    }

    public TokenFormat oauthTokenFormat() {
        return oauthTokenFormat;
    }

    public int oauthRefreshMarginSeconds() {
        return oauthRefreshMarginSeconds;
    }

    public int oauthFlowTtlSeconds() {
        return oauthFlowTtlSeconds;
    }

    public int httpTimeoutMs() {
        return httpTimeoutMs;
    }

    public String kimiBaseUrl() {
        return kimiBaseUrl;
    }

    public String kimiModel() {
        return kimiModel;
    }

    /** The base URL for claude turns, or null to leave the engine's default. */
    public String anthropicBaseUrl() {
        return anthropicBaseUrl;
    }

    /** One setting's lookup: environment variable, then the vault config object, then the default. */
    private static final class Settings {
        private final JsonObject environment;
        private final JsonObject section;

        Settings(JsonObject instance) {
            this.environment = InstanceConfig.env(instance);
            this.section = instance.getJsonObject(AREA, new JsonObject());
        }

        String text(String key, String fallback) {
            String fromEnv = environment.getString(envName(key));
            if (fromEnv != null && !fromEnv.isBlank()) {
                return fromEnv.trim();
            }
            Object fromConfig = section.getValue(key);
            return fromConfig == null ? fallback : String.valueOf(fromConfig).trim();
        }

        String url(String key, String fallback) {
            String value = text(key, fallback);
            if (value == null) {
                return null;
            }
            try {
                URI uri = new URI(value);
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                    throw new URISyntaxException(value, "not an absolute http(s) URL");
                }
                return value;
            } catch (URISyntaxException e) {
                throw new IllegalStateException(
                        "vault: " + key + " (" + envName(key) + ") must be an absolute" + " http(s) URL, got " + value);
            }
        }

        int positive(String key, int fallback) {
            String value = text(key, String.valueOf(fallback));
            try {
                int parsed = Integer.parseInt(value);
                if (parsed > 0) {
                    return parsed;
                }
            } catch (NumberFormatException e) {
                // reported below with the key's name
            }
            throw new IllegalStateException("vault: " + key + " (" + envName(key) + ") must be a positive integer");
        }
    }
}
