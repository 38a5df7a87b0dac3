package io.cial.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The floor to compare against: a bare Vert.x WebSocket server on 127.0.0.1 that pushes time-stamped frames at the
 * demo engine's pace to as many clients as there are turns. Its latency (server write to client read) is what any
 * local WebSocket costs on this machine, without files, parsing, storage or the event bus.
 */
final class PushBaseline {

    private PushBaseline() {}

    /** Runs {@code clients} clients receiving {@code frames} frames each, one every {@code intervalMs}. */
    static List<Long> run(Vertx client, int clients, int frames, long intervalMs) {
        Vertx serverVertx = Vertx.vertx();
        try {
            HttpServer server = serverVertx
                    .createHttpServer()
                    .webSocketHandler(ws -> push(serverVertx, ws, frames, intervalMs))
                    .listen(0, "127.0.0.1")
                    .await();
            List<Long> latencies = new ArrayList<>();
            WebSocketClient ws = client.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(1000));
            List<Future<List<Long>>> all = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                all.add(receive(ws, server.actualPort()));
            }
            Future.all(all).await();
            all.forEach(f -> latencies.addAll(f.result()));
            ws.close().await();
            return latencies;
        } finally {
            serverVertx.close().await();
        }
    }

    private static void push(Vertx vertx, ServerWebSocket ws, int frames, long intervalMs) {
        int[] sent = {0};
        long timer = vertx.setPeriodic(intervalMs, id -> {
            if (sent[0]++ == frames) {
                vertx.cancelTimer(id);
                ws.close();
                return;
            }
            ws.writeTextMessage(new JsonObject().put("ts", Micros.now()).encode());
        });
        ws.closeHandler(v -> vertx.cancelTimer(timer));
    }

    private static Future<List<Long>> receive(WebSocketClient client, int port) {
        Promise<List<Long>> done = Promise.promise();
        List<Long> latencies = new ArrayList<>();
        return client.connect(port, "127.0.0.1", "/").compose(ws -> {
            ws.textMessageHandler(text -> {
                long received = Micros.now();
                latencies.add(received - new JsonObject(text).getLong("ts"));
            });
            ws.closeHandler(v -> done.tryComplete(latencies));
            ws.exceptionHandler(done::tryFail);
            return done.future();
        });
    }
}
