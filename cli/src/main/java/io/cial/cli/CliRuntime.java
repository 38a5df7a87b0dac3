package io.cial.cli;

import io.cial.cli.http.ApiClient;
import io.cial.cli.http.OperationCall;
import io.cial.cli.http.Operations;
import io.cial.cli.output.Output;
import io.cial.cli.ws.EventSocket;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.function.Consumer;

/**
 * What one run of the CLI works with: its settings, its output, and (created on first use, closed when the command
 * ends) a Vert.x with the HTTP client. Commands run on the main thread and wait on futures; Vert.x does the I/O.
 */
public final class CliRuntime implements AutoCloseable {

    private final CliSettings settings;
    private final Output output;
    private Vertx vertx;
    private ApiClient api;
    private Operations operations;

    CliRuntime(CliSettings settings, Output output) {
        this.settings = settings;
        this.output = output;
    }

    public CliSettings settings() {
        return settings;
    }

    public Output output() {
        return output;
    }

    public synchronized Vertx vertx() {
        if (vertx == null) {
            // Two event loops are plenty for one client; the blocked-thread checker has nothing to watch here.
            vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(2));
        }
        return vertx;
    }

    public synchronized ApiClient api() {
        if (api == null) {
            api = new ApiClient(vertx(), settings);
        }
        return api;
    }

    /** Every operation of the contract this CLI was built with. */
    public synchronized Operations operations() {
        if (operations == null) {
            operations = Operations.load();
        }
        return operations;
    }

    /** A call of the contract operation {@code operationId} (method, path and listener from the contract). */
    public OperationCall op(String operationId) {
        return new OperationCall(operations().require(operationId), settings, api());
    }

    /** A WebSocket to the instance that reports to {@code sink} (called on a Vert.x thread). */
    public EventSocket socket(EventSocket.Options options, Consumer<EventSocket.Signal> sink) {
        boolean droppable = settings.tokenSource() == CliSettings.TokenSource.FILE;
        return new EventSocket(vertx(), settings.apiUrl(), api().token(), droppable, options, sink);
    }

    @Override
    public synchronized void close() {
        if (api != null) {
            api.close();
        }
        if (vertx != null) {
            vertx.close().await();
        }
        api = null;
        vertx = null;
    }
}
