package io.cial.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the CLI talks to and as whom, resolved once per run from flags, then environment variables, then defaults.
 *
 * <ul>
 *   <li>API URL: {@code --url}, {@code CIAL_API_URL}, default {@value #DEFAULT_API_URL} (a trailing {@code /v1} is
 *       accepted and dropped).
 *   <li>Token: {@code --token}, {@code CIAL_TOKEN}; when neither is set and the URL is loopback, the owner token file
 *       {@code $CIAL_DATA/gateway/owner.token} or {@code ~/.cial/gateway/owner.token} if readable. Loopback callers
 *       need no token, so a token from a file that the instance refuses is dropped and the call retried without it.
 *   <li>Self-edit URL (loopback-only operations): {@code --self-url}, {@code CIAL_SELF_URL}, else
 *       {@code http://127.0.0.1:$CIAL_SELF_PORT/.cial/api} with the port defaulting to {@value #DEFAULT_SELF_PORT}.
 * </ul>
 *
 * A malformed URL fails with {@link CliException#USAGE}.
 */
public record CliSettings(URI apiUrl, URI selfUrl, String token, TokenSource tokenSource, boolean json) {

    public static final String ENV_API_URL = "CIAL_API_URL";
    public static final String ENV_TOKEN = "CIAL_TOKEN";
    public static final String ENV_DATA = "CIAL_DATA";
    public static final String ENV_SELF_URL = "CIAL_SELF_URL";
    public static final String ENV_SELF_PORT = "CIAL_SELF_PORT";
    public static final String DEFAULT_API_URL = "http://127.0.0.1:8080/.cial/api";
    public static final int DEFAULT_SELF_PORT = 4000;
    /** The owner token file, relative to the data directory. */
    public static final String OWNER_TOKEN_FILE = "gateway/owner.token";

    /** Where the token came from; only a {@link #FILE} token is dropped when refused. */
    public enum TokenSource {
        FLAG,
        ENV,
        FILE,
        NONE
    }

    /** The flags as given on the command line; null when absent. */
    public record Flags(String url, String token, String selfUrl, boolean json) {}

    public static CliSettings resolve(Flags flags, Map<String, String> env, Path home) {
        URI api = parseUrl(firstSet(flags.url(), env.get(ENV_API_URL), DEFAULT_API_URL), "--url / " + ENV_API_URL);
        URI self = parseUrl(
                firstSet(flags.selfUrl(), env.get(ENV_SELF_URL), defaultSelfUrl(env)), "--self-url / " + ENV_SELF_URL);
        if (isSet(flags.token())) {
            return new CliSettings(api, self, flags.token().trim(), TokenSource.FLAG, flags.json());
        }
        if (isSet(env.get(ENV_TOKEN))) {
            return new CliSettings(api, self, env.get(ENV_TOKEN).trim(), TokenSource.ENV, flags.json());
        }
        String fileToken = isLoopback(api.getHost()) ? ownerTokenFromFile(env, home) : null;
        TokenSource source = fileToken == null ? TokenSource.NONE : TokenSource.FILE;
        return new CliSettings(api, self, fileToken, source, flags.json());
    }

    /** The REST base, {@code <api url>/v1}. */
    public String restBase() {
        return apiUrl + "/v1";
    }

    /** The REST base of the loopback-only self-edit listener. */
    public String selfRestBase() {
        return selfUrl + "/v1";
    }

    /** True for {@code localhost}, {@code 127.0.0.0/8} and {@code ::1}; judged on the name, never resolved. */
    public static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT).replace("[", "").replace("]", "");
        return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1");
    }

    private static String defaultSelfUrl(Map<String, String> env) {
        String port = env.get(ENV_SELF_PORT);
        return "http://127.0.0.1:" + (isSet(port) ? port.trim() : DEFAULT_SELF_PORT) + "/.cial/api";
    }

    private static URI parseUrl(String raw, String what) {
        String url = raw.trim().replaceAll("/+$", "");
        url = url.endsWith("/v1") ? url.substring(0, url.length() - 3) : url;
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            uri = null;
        }
        String scheme =
                uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw CliException.usage("%s must be an http(s) URL like %s, got '%s'", what, DEFAULT_API_URL, raw);
        }
        return uri;
    }

    private static String ownerTokenFromFile(Map<String, String> env, Path home) {
        List<Path> candidates = new ArrayList<>();
        if (isSet(env.get(ENV_DATA))) {
            candidates.add(Path.of(env.get(ENV_DATA)).resolve(OWNER_TOKEN_FILE));
        }
        if (home != null) {
            candidates.add(home.resolve(".cial").resolve(OWNER_TOKEN_FILE));
        }
        for (Path file : candidates) {
            String token = readQuietly(file);
            if (token != null) {
                return token;
            }
        }
        return null;
    }

    private static String readQuietly(Path file) {
        try {
            String token = Files.isReadable(file)
                    ? Files.readString(file, StandardCharsets.UTF_8).trim()
                    : "";
            return token.isEmpty() ? null : token;
        } catch (IOException e) {
            // An unreadable token file is the same as none: loopback works without it.
            return null;
        }
    }

    private static String firstSet(String... values) {
        for (String value : values) {
            if (isSet(value)) {
                return value;
            }
        }
        return null;
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    @Override
    public String toString() {
        // Never print the token itself.
        return "CliSettings[apiUrl=" + apiUrl + ", selfUrl=" + selfUrl + ", token=" + tokenSource + ", json=" + json
                + "]";
    }
}
