package io.cial.cli;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 in front of a real instance that drops the first connection whose server-to-client bytes
 * contain {@code marker} (after passing them on), the way a flaky network drops a WebSocket mid-turn. Later
 * connections pass untouched.
 */
public final class CuttingProxy implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final AtomicBoolean armed = new AtomicBoolean(true);
    private final AtomicInteger cuts = new AtomicInteger();
    private final String marker;
    private final int targetPort;
    private final NetClient client;
    private NetServer server;

    private CuttingProxy(int targetPort, String marker) {
        this.targetPort = targetPort;
        this.marker = marker;
        this.client = vertx.createNetClient();
    }

    public static CuttingProxy start(int targetPort, String marker) {
        CuttingProxy proxy = new CuttingProxy(targetPort, marker);
        proxy.server = proxy.vertx
                .createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0))
                .connectHandler(proxy::onConnect)
                .listen()
                .await();
        return proxy;
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + server.actualPort() + "/.cial/api";
    }

    /** How many connections were dropped. */
    public int cuts() {
        return cuts.get();
    }

    private void onConnect(NetSocket downstream) {
        downstream.pause();
        client.connect(targetPort, "127.0.0.1").onSuccess(upstream -> {
            downstream.handler(upstream::write);
            upstream.handler(bytes -> forward(bytes, upstream, downstream));
            downstream.closeHandler(v -> upstream.close());
            upstream.closeHandler(v -> downstream.close());
            downstream.resume();
        });
    }

    private void forward(Buffer bytes, NetSocket upstream, NetSocket downstream) {
        downstream.write(bytes);
        if (bytes.toString(StandardCharsets.ISO_8859_1).contains(marker) && armed.compareAndSet(true, false)) {
            cuts.incrementAndGet();
            downstream.close();
            upstream.close();
        }
    }

    @Override
    public void close() {
        vertx.close().await();
    }
}
