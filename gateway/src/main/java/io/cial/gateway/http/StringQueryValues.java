package io.cial.gateway.http;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;

/**
 * Keeps string query values exactly as sent through OpenAPI validation. vertx-openapi 5.0.7 decodes a query value that
 * is not a plain word as JSON: {@code 1.5} or {@code -3} becomes a number (then fails a string schema), a value with
 * a double quote fails to decode (400), and {@code a\nb} silently loses its backslash. Re-encoding the values of the
 * operation's string parameters as JSON string literals before validation makes that decoding return the original.
 */
final class StringQueryValues implements Handler<RoutingContext> {

    private final Set<String> names;

    /** @param names the operation's query parameters whose schema type is string */
    StringQueryValues(Set<String> names) {
        this.names = Set.copyOf(names);
    }

    @Override
    public void handle(RoutingContext rc) {
        MultiMap params = rc.request().params();
        for (String name : names) {
            List<String> values = params.getAll(name);
            if (!values.isEmpty()) {
                params.remove(name);
                values.forEach(value -> params.add(name, Json.encode(value)));
            }
        }
        rc.next();
    }
}
