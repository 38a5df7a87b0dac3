package io.cial.cli.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Percent-encoding of path segments and query parts. */
public final class Paths {

    private Paths() {}

    /** Encodes one path segment or query part: spaces as {@code %20}, never {@code +}. */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
