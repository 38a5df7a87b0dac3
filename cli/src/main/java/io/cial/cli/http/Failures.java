package io.cial.cli.http;

import io.cial.cli.CliException;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.UpgradeRejectedException;
import java.io.IOException;
import java.net.URI;

/** Turns transport failures into the CLI's one-line messages and exit codes. */
public final class Failures {

    static final String START_HINT = "is the instance running? Start it with 'java -jar gateway/target/cial.jar',"
            + " or point --url / CIAL_API_URL at it";

    private Failures() {}

    /**
     * A failure of the exchange itself: a network failure is {@link #connection}; anything else (a file that cannot be
     * written, say) is {@link CliException#FAILURE} with its message.
     */
    public static CliException transport(Throwable failure, URI apiUrl) {
        if (failure instanceof CliException cli) {
            return cli;
        }
        if (failure instanceof IOException || failure instanceof HttpClosedException) {
            return connection(failure, apiUrl);
        }
        return CliException.failure("the request to %s failed: %s", apiUrl, failure);
    }

    /** A failure to reach the instance: {@link CliException#CONNECTION} with a hint to start it. */
    public static CliException connection(Throwable failure, URI apiUrl) {
        if (failure instanceof CliException cli) {
            return cli;
        }
        String cause = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return new CliException(
                CliException.CONNECTION,
                "cannot reach the Cial instance at " + apiUrl + " (" + cause + "); " + START_HINT);
    }

    /** A refused WebSocket upgrade carries the API's error body; other failures are connection failures. */
    public static CliException upgrade(Throwable failure, URI apiUrl) {
        if (failure instanceof UpgradeRejectedException rejected) {
            ApiReply reply = new ApiReply(rejected.getStatus(), "application/json", rejected.getBody(), null, 0);
            return reply.failure();
        }
        return connection(failure, apiUrl);
    }
}
