package io.cial.vault.impl;

import io.cial.protocol.ApiException;
import io.cial.protocol.ReservedEnv;
import io.cial.vault.api.SecretMask;
import io.cial.vault.api.ToolKind;
import io.cial.vault.api.ToolSecrets;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a tool's name and config against its kind and returns the config to store. Messages name the offending field
 * and never quote a secret: only names, which are not secret, are echoed.
 */
final class ToolValidator {

    static final Pattern ENV_NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");
    private static final Pattern MCP_NAME = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");
    private static final Pattern HEADER_NAME = Pattern.compile("^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}$");
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x1f\\x7f]");
    private static final int MAX_NAME = 64;
    private static final int MAX_DESCRIPTION = 1000;
    private static final int MAX_SECRET = 16_384;
    private static final int MAX_TEXT = 200_000;
    private static final String STDIO = "stdio";
    private static final String HTTP = "http";

    private static final Set<String> ENV_FIELDS = Set.of("value");
    private static final Set<String> STDIO_FIELDS = Set.of("transport", "command", "args", "env");
    private static final Set<String> HTTP_FIELDS = Set.of("transport", "url", "headers");
    private static final Set<String> MARKDOWN_FIELDS = Set.of("text");

    private ToolValidator() {}

    /** @throws ApiException {@code validation_failed} naming the rule the name breaks */
    static String name(ToolKind kind, String name) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME) {
            throw ApiException.validation("name must be 1 to %d characters", MAX_NAME);
        }
        return switch (kind) {
            case ENV -> envName(name, "name");
            case MCP -> matching(name, MCP_NAME, "name of an mcp tool must use only letters, digits, '_' and '-'");
            case MARKDOWN -> {
                if (CONTROL.matcher(name).find() || !name.equals(name.strip())) {
                    throw ApiException.validation("name must not contain control characters or surrounding spaces");
                }
                yield name;
            }
        };
    }

    /** @throws ApiException {@code validation_failed} when longer than allowed */
    static String description(String description) {
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw ApiException.validation("description must be at most %d characters", MAX_DESCRIPTION);
        }
        return description;
    }

    /**
     * The config to store: checked against the kind, and each masked secret replaced by the one stored at the same
     * place of {@code stored} (null on create, where a masked secret is an error).
     */
    static JsonObject config(ToolKind kind, JsonObject config, JsonObject stored) {
        if (config == null) {
            throw ApiException.validation("config is required");
        }
        JsonObject checked =
                switch (kind) {
                    case ENV -> envConfig(config);
                    case MCP -> mcpConfig(config);
                    case MARKDOWN -> markdownConfig(config);
                };
        return ToolSecrets.rewrite(kind, checked, (path, secret) -> secret(path, secret, stored));
    }

    private static JsonObject envConfig(JsonObject config) {
        allowOnly(config, ENV_FIELDS, "an env tool");
        requiredString(config, "value");
        return config.copy();
    }

    private static JsonObject mcpConfig(JsonObject config) {
        String transport = config.getValue("transport") == null ? STDIO : requiredString(config, "transport");
        JsonObject out = config.copy().put("transport", transport);
        if (STDIO.equals(transport)) {
            allowOnly(config, STDIO_FIELDS, "a stdio mcp tool");
            requiredString(config, "command");
            out.put("args", stringArray(config.getValue("args")));
            out.put("env", stringMap(config.getValue("env"), "env", true));
            return out;
        }
        if (HTTP.equals(transport)) {
            allowOnly(config, HTTP_FIELDS, "an http mcp tool");
            httpUrl(requiredString(config, "url"));
            out.put("headers", stringMap(config.getValue("headers"), "headers", false));
            return out;
        }
        throw ApiException.validation("config.transport must be stdio or http");
    }

    private static JsonObject markdownConfig(JsonObject config) {
        allowOnly(config, MARKDOWN_FIELDS, "a markdown tool");
        if (requiredString(config, "text").length() > MAX_TEXT) {
            throw ApiException.validation("config.text must be at most %d characters", MAX_TEXT);
        }
        return config.copy();
    }

    private static String secret(String path, String secret, JsonObject stored) {
        if (SecretMask.isMasked(secret)) {
            String kept = stored == null ? null : ToolSecrets.at(stored, path);
            if (kept == null) {
                throw ApiException.validation(
                        "config.%s is a masked value but no secret is stored there; send the secret itself", path);
            }
            return kept;
        }
        if (secret.isEmpty() || secret.length() > MAX_SECRET || secret.indexOf('\0') >= 0) {
            throw ApiException.validation(
                    "config.%s must be 1 to %d characters without NUL characters", path, MAX_SECRET);
        }
        return secret;
    }

    private static String envName(String name, String field) {
        if (!ENV_NAME.matcher(name).matches()) {
            // The value is not repeated: a malformed name is as likely a secret pasted into the wrong field.
            throw ApiException.validation(
                    "%s is not a valid environment variable name (letters, digits and '_', not starting with a digit)",
                    field);
        }
        if (ReservedEnv.isReserved(name)) {
            throw ApiException.validation(
                    "%s '%s' is an environment variable the server sets itself and cannot be overridden", field, name);
        }
        return name;
    }

    private static String matching(String value, Pattern pattern, String message) {
        if (!pattern.matcher(value).matches()) {
            throw ApiException.validation(message);
        }
        return value;
    }

    private static void allowOnly(JsonObject config, Set<String> allowed, String what) {
        config.fieldNames().stream()
                .filter(field -> !allowed.contains(field))
                .sorted()
                .findFirst()
                .ifPresent(field -> {
                    throw ApiException.validation("config.%s does not apply to %s", field, what);
                });
    }

    private static String requiredString(JsonObject config, String field) {
        if (!(config.getValue(field) instanceof String value) || value.isBlank()) {
            throw ApiException.validation("config.%s is required and must be a non-empty string", field);
        }
        return value;
    }

    private static JsonArray stringArray(Object value) {
        if (value == null) {
            return new JsonArray();
        }
        if (!(value instanceof JsonArray array) || !array.stream().allMatch(String.class::isInstance)) {
            throw ApiException.validation("config.args must be an array of strings");
        }
        return array.copy();
    }

    private static JsonObject stringMap(Object value, String field, boolean envNames) {
        if (value == null) {
            return new JsonObject();
        }
        if (!(value instanceof JsonObject map)) {
            throw ApiException.validation("config.%s must be an object of strings", field);
        }
        for (Map.Entry<String, Object> entry : map) {
            boolean validName = envNames
                    ? ENV_NAME.matcher(entry.getKey()).matches()
                    : HEADER_NAME.matcher(entry.getKey()).matches();
            if (!validName) {
                throw ApiException.validation(
                        "config.%s has an invalid name (%s)",
                        field, envNames ? "letters, digits and '_', not starting with a digit" : "an HTTP header name");
            }
            if (!(entry.getValue() instanceof String)) {
                throw ApiException.validation("config.%s.%s must be a string", field, entry.getKey());
            }
        }
        return map.copy();
    }

    private static void httpUrl(String url) {
        try {
            URI uri = new URI(url);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw ApiException.validation("config.url must be an absolute http or https URL");
    }
}
