package io.cial.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.cial.cli.Cli;
import io.cial.cli.CliException;
import io.cial.cli.CliSettings;
import io.cial.gateway.Instance;
import io.cial.gateway.InstanceSettings;
import io.cial.gateway.TestInstance;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cial-cli self ...} against a real instance whose loopback self-edit listener builds a small fixture tree
 * (a shell build that succeeds, or fails once the tree holds a file named {@code fail}).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SelfCommandTest {

    private static final String BUILD =
            "if [ -f fail ]; then echo 'error: the fixture does not compile' >&2; exit 3; fi;"
                    + " echo compiling the fixture; mkdir -p out && echo jar > out/app.jar";

    @TempDir
    static Path dir;

    private static Instance instance;
    private static Path source;
    private static int selfPort;

    @BeforeAll
    static void start() throws IOException {
        source = Files.createDirectories(dir.resolve("source"));
        Files.writeString(source.resolve("README"), "fixture\n");
        Files.createDirectories(dir.resolve("home"));
        selfPort = freePort();
        Map<String, String> env = Map.of(
                "CIAL_SOURCE_DIR",
                source.toString(),
                "CIAL_BUILD_COMMAND",
                BUILD,
                "CIAL_BUILD_ARTIFACT",
                "out/app.jar");
        InstanceSettings base = TestInstance.settings(dir.resolve("data"), env);
        InstanceSettings settings = new InstanceSettings(
                base.host(), 0, selfPort, base.dataDir(), null, source, base.env(), List.of(), true);
        instance = Instance.start(settings).await();
    }

    @AfterAll
    static void stop() {
        instance.close().await();
    }

    @Test
    void deployBuildsStreamsItsLogAndFailsLoudly() throws Exception {
        Cli.Result ok = cli().run("self", "deploy");
        Files.writeString(source.resolve("fail"), "x");
        Cli.Result failed = cli().run("self", "deploy");
        Files.delete(source.resolve("fail"));
        Cli.Result history = cli().run("--json", "self", "deploys");
        String firstId = new JsonObject(history.out())
                .getJsonArray("deploys")
                .getJsonObject(1)
                .getString("deployId");
        Cli.Result one = cli().run("self", "deploys", firstId);
        Cli.Result builds = cli().run("self", "builds");

        assertThat(ok.exit()).as(ok.toString()).isZero();
        assertThat(ok.out()).containsPattern("status:\\s+built").containsPattern("ok:\\s+yes");
        assertThat(ok.err()).contains("compiling the fixture");
        assertThat(failed.exit()).as(failed.toString()).isEqualTo(CliException.FAILURE);
        assertThat(failed.out()).containsPattern("status:\\s+failed").contains("the fixture does not compile");
        assertThat(failed.err()).contains("cial-cli: deploy").contains("failed (exit code 3)");
        assertThat(one.exit()).as(one.toString()).isZero();
        assertThat(one.out()).containsPattern("deploy:\\s+" + firstId).contains("compiling the fixture");
        assertThat(builds.exit()).as(builds.toString()).isZero();
        assertThat(builds.out()).contains(firstId);
    }

    @Test
    void commitOutsideAGitRepositoryIsRefused() {
        Cli.Result result = cli().run("self", "commit", "-m", "try");
        Cli.Result noMessage = cli().run("self", "commit");

        assertThat(result.exit()).isEqualTo(CliException.FAILURE);
        assertThat(result.err()).startsWith("cial-cli: ").contains("(conflict)");
        assertThat(noMessage.exit()).isEqualTo(CliException.USAGE);
    }

    @Test
    void uiBuildsListAndTheSelfListenerIsRequired() {
        Cli.Result ui = cli().run("self", "ui", "builds");
        Cli.Result nowhere = cli().with(CliSettings.ENV_SELF_URL, "http://127.0.0.1:1/.cial/api")
                .run("self", "builds");

        assertThat(ui.exit()).as(ui.toString()).isZero();
        assertThat(ui.out()).startsWith("VERSION");
        assertThat(nowhere.exit()).isEqualTo(CliException.CONNECTION);
    }

    private static Cli cli() {
        return Cli.at(instance.apiUrl(), dir.resolve("home"))
                .with(CliSettings.ENV_SELF_URL, "http://127.0.0.1:" + selfPort + "/.cial/api");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
