package io.cial.cli;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted stand-in for the instance's WebSocket on 127.0.0.1, for the client behaviours a real instance cannot be
 * made to show on demand: a connection dropped mid-turn, a {@code resubscribe} request, a refused upgrade.
 */
public final class FakeInstance implements AutoCloseable {

    /** What the fake does with each client frame. */
    public interface Script {
        void onFrame(Connection connection, JsonObject frame);
    }

    /** One accepted WebSocket, numbered from 0 in the order they opened. */
    public record Connection(int index, ServerWebSocket socket, FakeInstance instance) {
        public Connection send(JsonObject frame) {
            socket.writeTextMessage(frame.encode());
            return this;
        }

        public void close() {
            socket.close();
        }
    }

    public final Vertx vertx = Vertx.vertx();
    /** Every frame received, in order, tagged with {@code _connection}. */
    public final List<JsonObject> received = new CopyOnWriteArrayList<>();

    private final AtomicInteger connections = new AtomicInteger();
    private final Script script;
    private volatile JsonObject rejection;
    private HttpServer server;

    private FakeInstance(Script script) {
        this.script = script;
    }

    public static FakeInstance start(Script script) {
        FakeInstance fake = new FakeInstance(script);
        fake.server = fake.vertx
                .createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .requestHandler(fake::onRequest)
                .listen()
                .await();
        return fake;
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + server.actualPort() + "/.cial/api";
    }

    /** From now on every upgrade is refused with {@code status} and the API's error body. */
    public FakeInstance refuse(int status, String code, String message) {
        rejection = new JsonObject().put("status", status).put("code", code).put("error", message);
        return this;
    }

    /** Stops listening, so reconnects are refused at the TCP level. */
    public void stopListening() {
        server.close();
    }

    public List<JsonObject> receivedOfType(String type) {
        return received.stream().filter(f -> type.equals(f.getString("type"))).toList();
    }

    private void onRequest(HttpServerRequest request) {
        JsonObject refused = rejection;
        if (refused != null) {
            request.response()
                    .setStatusCode(refused.getInteger("status"))
                    .putHeader("Content-Type", "application/json")
                    .end(new JsonObject()
                            .put("error", refused.getString("error"))
                            .put("code", refused.getString("code"))
                            .encode());
            return;
        }
        request.toWebSocket().onSuccess(ws -> {
            Connection connection = new Connection(connections.getAndIncrement(), ws, this);
            ws.textMessageHandler(text -> {
                JsonObject frame = new JsonObject(text);
                received.add(frame.copy().put("_connection", connection.index()));
                if (!"ping".equals(frame.getString("type"))) {
                    script.onFrame(connection, frame);
                }
            });
        });
    }

    @Override
    public void close() {
        vertx.close().await();
    }
}
