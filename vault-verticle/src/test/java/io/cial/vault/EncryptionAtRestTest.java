package io.cial.vault;

import static io.cial.vault.ToolCrudTest.envTool;
import static io.cial.vault.ToolCrudTest.httpTool;
import static io.cial.vault.VaultHarness.OWNER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cial.protocol.InstanceConfig;
import io.cial.vault.api.VaultOperations;
import io.cial.vault.impl.SecretBox;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class EncryptionAtRestTest {

    private static final String SECRET = "at-rest-fake-secret-7f3a9c";

    @TempDir
    Path dataDir;

    private Path vaultDir() {
        return dataDir.resolve(VaultConfig.AREA);
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Test
    void theRawDatabaseFilesDoNotContainTheSecret(Vertx vertx) throws Exception {
        VaultHarness vault = VaultHarness.start(vertx, dataDir);
        vault.call(OWNER, VaultOperations.CREATE_TOOL, new JsonObject(), new JsonObject(), envTool("API_KEY", SECRET))
                .assertSuccess();
        vault.call(OWNER, VaultOperations.CREATE_TOOL, new JsonObject(), new JsonObject(), httpTool("remote", SECRET))
                .assertSuccess();
        vault.call(
                        OWNER,
                        VaultOperations.SET_ACCOUNT,
                        VaultHarness.path("kind", "anthropic_api_key"),
                        new JsonObject(),
                        new JsonObject().put("secret", SECRET))
                .assertSuccess();

        byte[] needle = SECRET.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.list(vaultDir())) {
            assertThat(files.filter(f -> f.getFileName().toString().startsWith(VaultConfig.DATABASE_FILE)))
                    .isNotEmpty()
                    .allSatisfy(file -> assertThat(contains(Files.readAllBytes(file), needle))
                            .as("%s holds the secret in clear", file)
                            .isFalse());
        }
    }

    @Test
    void theGeneratedKeyFileAndTheVaultFolderAreOwnerOnly(Vertx vertx) throws Exception {
        VaultHarness.start(vertx, dataDir);

        Path key = vaultDir().resolve(VaultConfig.MASTER_KEY_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(vaultDir())))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(vaultDir().resolve(VaultConfig.DATABASE_FILE))))
                .isEqualTo("rw-------");
        assertThat(Base64.getDecoder().decode(Files.readString(key).trim())).hasSize(32);
    }

    @Test
    void aKeyFileOthersCanReadFailsTheStartNamingTheFile(Vertx vertx) throws Exception {
        VaultHarness vault = VaultHarness.start(vertx, dataDir);
        Path key = vaultDir().resolve(VaultConfig.MASTER_KEY_FILE);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> deploy(vertx, vault.instanceConfig()))
                .hasMessageContaining(key.toString())
                .hasMessageContaining("rw-------");
    }

    @Test
    void aKeyFromTheEnvironmentIsUsedAndNoKeyFileIsWritten(Vertx vertx) {
        JsonObject env = new JsonObject().put(VaultConfig.MASTER_KEY_ENV, randomKey());
        VaultHarness vault = VaultHarness.start(vertx, dataDir, env, new JsonObject());
        String id = vault.call(
                        OWNER, VaultOperations.CREATE_TOOL, new JsonObject(), new JsonObject(), envTool("K", SECRET))
                .json()
                .getString("id");

        vault.restart();

        assertThat(Files.exists(vaultDir().resolve(VaultConfig.MASTER_KEY_FILE)))
                .isFalse();
        assertThat(vault.call(OWNER, VaultOperations.GET_TOOL_CONFIG, VaultHarness.path("toolId", id))
                        .json()
                        .getJsonObject("config")
                        .getString("value"))
                .isEqualTo(SECRET);
    }

    @Test
    void aDifferentKeyFailsTheStartInsteadOfEveryRequest(Vertx vertx) {
        VaultHarness.start(
                vertx, dataDir, new JsonObject().put(VaultConfig.MASTER_KEY_ENV, randomKey()), new JsonObject());
        JsonObject other = new JsonObject()
                .put(InstanceConfig.DATA_DIR, dataDir.toString())
                .put(InstanceConfig.ENV, new JsonObject().put(VaultConfig.MASTER_KEY_ENV, randomKey()));

        assertThatThrownBy(() -> deploy(vertx, other)).hasMessageContaining("master key does not match");
    }

    @Test
    void aMalformedKeyInTheEnvironmentFailsTheStartWithoutQuotingIt(Vertx vertx) {
        JsonObject config = new JsonObject()
                .put(InstanceConfig.DATA_DIR, dataDir.toString())
                .put(InstanceConfig.ENV, new JsonObject().put(VaultConfig.MASTER_KEY_ENV, "c2hvcnQ="));

        assertThatThrownBy(() -> deploy(vertx, config))
                .hasMessageContaining(VaultConfig.MASTER_KEY_ENV)
                .hasMessageContaining("32 bytes")
                .hasMessageNotContaining("c2hvcnQ=");
    }

    @Test
    void eachSealUsesAFreshNonceAndIsBoundToItsPlace() {
        SecretBox box = new SecretBox(Base64.getDecoder().decode(randomKey()));

        String first = box.seal(SECRET, "tool:a:value");
        String second = box.seal(SECRET, "tool:a:value");

        assertThat(first).isNotEqualTo(second).doesNotContain(SECRET);
        assertThat(box.open(first, "tool:a:value")).isEqualTo(SECRET);
        assertThatThrownBy(() -> box.open(first, "tool:b:value")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new SecretBox(Base64.getDecoder().decode(randomKey())).open(first, "tool:a:value"))
                .isInstanceOf(IllegalStateException.class);
    }

    private static void deploy(Vertx vertx, JsonObject config) {
        vertx.deployVerticle(new VaultVerticle(), new DeploymentOptions().setConfig(config))
                .await();
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
