package io.cial.protocol.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class FakeAnthropicTest {

    private FakeAnthropic fake;
    private WebClient client;

    @BeforeEach
    void start(Vertx vertx) {
        fake = FakeAnthropic.start(vertx).await();
        client = WebClient.create(vertx);
    }

    @AfterEach
    void stop() {
        client.close();
        fake.close().await();
    }

    @Test
    void streamsTextAsServerSentEventsAndRecordsTheRequest() {
        HttpResponse<Buffer> response = post(request("say hi", true));

        String sse = response.bodyAsString();
        assertThat(response.getHeader("content-type")).isEqualTo("text/event-stream");
        assertThat(sse).startsWith("event: message_start\ndata: {");
        assertThat(sse).contains("event: content_block_delta\ndata: ", "\"text_delta\"", "event: message_stop\n");
        assertThat(sse.indexOf("message_start")).isLessThan(sse.indexOf("content_block_start"));
        FakeAnthropic.Recorded recorded = fake.messageRequests().get(0);
        assertThat(recorded.apiKey()).isEqualTo("sk-ant-fake-test");
        assertThat(recorded.lastUserText()).isEqualTo("say hi");
        assertThat(recorded.systemText()).contains("be brief");
    }

    @Test
    void answersJsonWhenNotStreamingAndFollowsScriptedReplies() {
        fake.script("deploy", FakeAnthropic.Reply.bash("ls"));

        JsonObject text = post(request("hello", false)).bodyAsJsonObject();
        JsonObject tool = post(request("please deploy", false)).bodyAsJsonObject();

        assertThat(text.getJsonArray("content").getJsonObject(0).getString("text"))
                .isEqualTo(FakeAnthropic.HELLO);
        JsonObject toolUse = tool.getJsonArray("content").getJsonObject(1);
        assertThat(toolUse.getString("name")).isEqualTo("Bash");
        assertThat(toolUse.getJsonObject("input").getString("command")).isEqualTo("ls");
        assertThat(tool.getString("stop_reason")).isEqualTo("tool_use");
    }

    @Test
    void failsWithTheApiErrorShapeAndAnswersOtherRoutes404() {
        HttpResponse<Buffer> error = post(request("fail529", true));
        HttpResponse<Buffer> head =
                client.head(fake.port(), "127.0.0.1", "/").send().await();

        assertThat(error.statusCode()).isEqualTo(529);
        assertThat(error.bodyAsJsonObject().getJsonObject("error").getString("type"))
                .isEqualTo("overloaded_error");
        assertThat(head.statusCode()).isEqualTo(404);
        assertThat(fake.requests()).hasSize(2);
    }

    private HttpResponse<Buffer> post(JsonObject body) {
        return client.post(fake.port(), "127.0.0.1", "/v1/messages")
                .putHeader("x-api-key", "sk-ant-fake-test")
                .sendJsonObject(body)
                .await();
    }

    private static JsonObject request(String prompt, boolean stream) {
        return new JsonObject()
                .put("model", "claude-test")
                .put("stream", stream)
                .put(
                        "system",
                        new JsonArray().add(new JsonObject().put("type", "text").put("text", "be brief")))
                .put(
                        "messages",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("role", "user")
                                        .put(
                                                "content",
                                                new JsonArray()
                                                        .add(new JsonObject()
                                                                .put("type", "text")
                                                                .put("text", prompt)))));
    }
}
