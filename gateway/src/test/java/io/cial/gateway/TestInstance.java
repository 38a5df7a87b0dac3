package io.cial.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real instance for tests: every area on the class path, the public listener on 127.0.0.1 with a free port, replies
 * validated against the contract, and a client Vert.x of its own (a real HTTP and WebSocket client).
 */
public final class TestInstance implements AutoCloseable {

    public final Instance instance;
    public final WebClient http;

    public final Vertx client;

    private TestInstance(Instance instance) {
        this(instance, Vertx.vertx());
    }

    /** Wraps another instance around an existing client Vert.x (e.g. after a restart on the same data). */
    public TestInstance(Instance instance, Vertx client) {
        this.instance = instance;
        this.client = client;
        this.http = WebClient.create(client, new WebClientOptions().setDefaultHost("127.0.0.1"));
    }

    public static TestInstance start(Path dataDir) {
        return start(dataDir, Map.of());
    }

    public static TestInstance start(Path dataDir, Map<String, String> env) {
        return new TestInstance(Instance.start(settings(dataDir, env)).await());
    }

    public static InstanceSettings settings(Path dataDir, Map<String, String> env) {
        Map<String, String> all = new HashMap<>();
        all.put("PATH", System.getenv("PATH"));
        all.putAll(env);
        Path root = Path.of(System.getProperty("cial.repo.root", ".."))
                .toAbsolutePath()
                .normalize();
        return new InstanceSettings("127.0.0.1", 0, 0, dataDir, null, root, all, List.of(), true);
    }

    public HttpRequest<Buffer> request(HttpMethod method, String path) {
        return http.request(method, instance.port(), "127.0.0.1", "/.cial/api/v1" + path);
    }

    public HttpResponse<Buffer> get(String path) {
        return request(HttpMethod.GET, path).send().await();
    }

    public HttpResponse<Buffer> post(String path, JsonObject body) {
        return request(HttpMethod.POST, path).sendJsonObject(body).await();
    }

    public WebSocket socket(Map<String, String> headers) {
        return socket(headers, new WebSocketClientOptions());
    }

    /** Opens the WebSocket with particular client options (e.g. a small receive buffer). */
    public WebSocket socket(Map<String, String> headers, WebSocketClientOptions clientOptions) {
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost("127.0.0.1")
                .setPort(instance.port())
                .setURI("/.cial/api/ws");
        headers.forEach(options::addHeader);
        WebSocketClient ws = client.createWebSocketClient(clientOptions);
        return ws.connect(options).await();
    }

    /**
     * The number of event-bus consumers registered in the instance right now, as its Prometheus scrape reports them
     * ({@code vertx_eventbus_handlers}, summed over its series).
     */
    public long busConsumers() {
        HttpResponse<Buffer> scrape =
                http.get(instance.port(), "127.0.0.1", "/metrics").send().await();
        return scrape.bodyAsString()
                .lines()
                .filter(line -> line.startsWith("vertx_eventbus_handlers"))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Override
    public void close() {
        instance.close().await();
        client.close().await();
    }
}
