package io.cial.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.cial.protocol.Addresses;
import io.cial.protocol.ApiException;
import io.cial.protocol.ApiRequest;
import io.cial.protocol.Contract;
import io.cial.protocol.ErrorCode;
import io.cial.protocol.InstanceConfig;
import io.cial.protocol.Principal;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.ValidatableResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Deploys the vault area on a test's Vert.x and calls it over the event bus the way the gateway does. Every request
 * body is checked against the contract before it is sent (unless a test sends bad input on purpose), and every reply,
 * success or error, is checked against the operation's declared responses, so the area and its contract cannot drift.
 * Every reply is also recorded for the canary test.
 */
final class VaultHarness {

    static final Principal OWNER = Principal.owner(Principal.Kind.OWNER);
    static final Principal AGENT = new Principal(Principal.OWNER_USER_ID, Principal.Kind.AGENT, "turn_1");
    static final Principal ALICE = new Principal("alice", Principal.Kind.EDGE, null);

    private final Vertx vertx;
    private final JsonObject instanceConfig;
    private final OpenAPIContract contract;
    private final ResponseValidator validator;
    private final List<String> transcript = new ArrayList<>();
    private String deploymentId;

    private VaultHarness(Vertx vertx, JsonObject instanceConfig) {
        this.vertx = vertx;
        this.instanceConfig = instanceConfig;
        this.contract = OpenAPIContract.from(vertx, Contract.load()).await();
        this.validator = ResponseValidator.create(vertx, contract);
    }

    /** Deploys the area with a data directory, an environment copy and the {@code vault} config section. */
    static VaultHarness start(Vertx vertx, Path dataDir, JsonObject env, JsonObject vaultSection) {
        JsonObject config = new JsonObject()
                .put(InstanceConfig.DATA_DIR, dataDir.toString())
                .put(InstanceConfig.ENV, env)
                .put(VaultConfig.AREA, vaultSection);
        VaultHarness harness = new VaultHarness(vertx, config);
        harness.deploy();
        return harness;
    }

    static VaultHarness start(Vertx vertx, Path dataDir) {
        return start(vertx, dataDir, new JsonObject(), new JsonObject());
    }

    void deploy() {
        deploymentId = new VaultArea()
                .deploy(vertx, instanceConfig)
                .map(String.class::cast)
                .await();
    }

    /** Stops the area and deploys it again on the same data directory. */
    void restart() {
        vertx.undeploy(deploymentId).await();
        deploy();
    }

    JsonObject instanceConfig() {
        return instanceConfig;
    }

    /** Every reply body and error message seen so far, encoded. */
    List<String> transcript() {
        return transcript;
    }

    Reply call(Principal principal, String operation) {
        return call(principal, operation, new JsonObject(), new JsonObject(), null);
    }

    Reply call(Principal principal, String operation, JsonObject path) {
        return call(principal, operation, path, new JsonObject(), null);
    }

    Reply call(Principal principal, String operation, JsonObject path, JsonObject query, JsonObject body) {
        if (body != null) {
            assertBodyMatchesContract(operation, body);
        }
        return send(principal, operation, path, query, body);
    }

    /** Sends a body the contract would reject, to test the area's own validation. */
    Reply callUnchecked(Principal principal, String operation, JsonObject path, JsonObject body) {
        return send(principal, operation, path, new JsonObject(), body);
    }

    /** Calls an area-to-area action with a plain JSON request. */
    Reply internal(String action, JsonObject request) {
        DeliveryOptions options = new DeliveryOptions().addHeader(Addresses.ACTION_HEADER, action);
        try {
            Message<Object> reply =
                    vertx.eventBus().request(Addresses.VAULT, request, options).await();
            transcript.add("internal " + action + " -> " + reply.body());
            return new Reply(200, reply.body(), null, null);
        } catch (ReplyException e) {
            return failure(action, e, false);
        }
    }

    private Reply send(Principal principal, String operation, JsonObject path, JsonObject query, JsonObject body) {
        JsonObject envelope = ApiRequest.envelope(principal, path, query, body);
        DeliveryOptions options = new DeliveryOptions().addHeader(Addresses.ACTION_HEADER, operation);
        try {
            Message<JsonObject> message = vertx.eventBus()
                    .<JsonObject>request(Addresses.VAULT, envelope, options)
                    .await();
            JsonObject wire = message.body();
            Reply reply = new Reply(wire.getInteger("status"), wire.getValue("body"), null, null);
            transcript.add(operation + " -> " + wire.encode());
            assertResponseMatchesContract(operation, reply.status(), wire.getValue("body"));
            return reply;
        } catch (ReplyException e) {
            return failure(operation, e, true);
        }
    }

    private Reply failure(String operation, ReplyException e, boolean validate) {
        ApiException error = ApiException.fromJson(e.getMessage());
        transcript.add(operation + " failed -> " + e.getMessage());
        assertThat(e.failureCode())
                .as("status of %s", error.code())
                .isEqualTo(error.code().status());
        if (validate) {
            assertResponseMatchesContract(operation, error.code().status(), error.toJson());
        }
        return new Reply(error.code().status(), error.toJson(), error.code(), error.getMessage());
    }

    private void assertBodyMatchesContract(String operation, JsonObject body) {
        Operation op = contract.operation(operation);
        assertThat(op.getRequestBody()).as("%s takes a body", operation).isNotNull();
        OutputUnit result = contract.getSchemaRepository()
                .validator(
                        op.getRequestBody().getContent().get("application/json").getSchema())
                .validate(body);
        assertThat(result.getValid())
                .as("request body of %s against the contract: %s", operation, result.getErrors())
                .isTrue();
    }

    private void assertResponseMatchesContract(String operation, int status, Object body) {
        ValidatableResponse response = body == null
                ? ValidatableResponse.create(status)
                : ValidatableResponse.create(status, Buffer.buffer(encode(body)), "application/json");
        validator.validate(response, operation).await();
    }

    private static String encode(Object body) {
        return body instanceof JsonObject object
                ? object.encode()
                : body instanceof JsonArray array ? array.encode() : String.valueOf(body);
    }

    static JsonObject path(String name, String value) {
        return new JsonObject().put(name, value);
    }

    static JsonObject query(String name, String value) {
        return new JsonObject().put(name, value);
    }

    /** One answer: a status and body, or an error code with its message. */
    record Reply(int status, Object body, ErrorCode code, String error) {

        JsonObject json() {
            return (JsonObject) body;
        }

        JsonArray items() {
            return json().getJsonArray("items");
        }

        Reply assertSuccess() {
            assertThat(code).as("unexpected failure: %s", error).isNull();
            return this;
        }

        Reply assertError(ErrorCode expected) {
            assertThat(code)
                    .as("expected %s, got status %s %s", expected, status, body)
                    .isEqualTo(expected);
            return this;
        }
    }
}
