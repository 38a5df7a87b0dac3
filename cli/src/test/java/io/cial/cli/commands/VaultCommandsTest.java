package io.cial.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.cial.cli.Cli;
import io.cial.cli.CliException;
import io.cial.cli.WithInstance;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code cial-cli tools ...} and {@code cial-cli accounts ...} against a real instance. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VaultCommandsTest extends WithInstance {

    private static final String CANARY = "sk-ant-fake-cli-canary-0123456789";

    @TempDir
    Path files;

    @Test
    void envToolLifecycleKeepsTheSecretMaskedExceptInConfig() {
        Cli.Result added = cli().runWithStdin(
                        CANARY + "\n", "tools", "add", "--kind", "env", "--name", "MY_SERVICE_KEY", "--value", "-");
        assertThat(added.exit()).as(added.toString()).isZero();
        String id = field(added.out(), "id");

        Cli.Result list = cli().run("tools", "list");
        Cli.Result show = cli().run("tools", "show", id);
        Cli.Result config = cli().run("tools", "config", id);
        Cli.Result disabled = cli().run("tools", "disable", id);
        Cli.Result enabled = cli().run("tools", "enable", id);
        Cli.Result removed = cli().run("tools", "rm", id);

        assertThat(List.of(added, list, show, disabled, enabled, removed)).allSatisfy(r -> {
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.out() + r.err()).doesNotContain(CANARY);
        });
        assertThat(list.out()).containsPattern(id + "\\s+MY_SERVICE_KEY\\s+env\\s+user\\s+yes");
        assertThat(show.out()).contains("config.value:").contains("6789");
        assertThat(config.exit()).as(config.toString()).isZero();
        assertThat(config.out()).containsPattern("config\\.value:\\s+" + CANARY);
        assertThat(disabled.out()).isEqualTo("tool MY_SERVICE_KEY disabled\n");
        assertThat(enabled.out()).isEqualTo("tool MY_SERVICE_KEY enabled\n");
        assertThat(removed.out()).isEqualTo("deleted tool " + id + "\n");
    }

    @Test
    void mcpAndMarkdownToolsAreBuiltFromOptions() throws Exception {
        Path doc = Files.writeString(files.resolve("guide.md"), "# House rules\nBe brief.\n");

        Cli.Result mcp = cli().run(
                        "--json",
                        "tools",
                        "add",
                        "--kind",
                        "mcp",
                        "--name",
                        "files",
                        "--command",
                        "npx",
                        "--arg",
                        "-y",
                        "--arg",
                        "some-mcp-server",
                        "--env",
                        "ROOT=/tmp");
        Cli.Result markdown =
                cli().run("--json", "tools", "add", "--kind", "markdown", "--name", "rules", "--text", "@" + doc);

        assertThat(mcp.exit()).as(mcp.toString()).isZero();
        JsonObject mcpConfig = new JsonObject(mcp.out()).getJsonObject("config");
        assertThat(mcpConfig.getString("command")).isEqualTo("npx");
        assertThat(mcpConfig.getJsonArray("args").getList()).containsExactly("-y", "some-mcp-server");
        assertThat(markdown.exit()).as(markdown.toString()).isZero();
        assertThat(new JsonObject(markdown.out()).getJsonObject("config").getString("text"))
                .isEqualTo("# House rules\nBe brief.\n");
    }

    @Test
    void badToolInputIsReported() {
        Cli.Result reserved = cli().run("tools", "add", "--kind", "env", "--name", "CIAL_TOKEN", "--value", "x");
        Cli.Result noValue = cli().run("tools", "add", "--kind", "env", "--name", "OK_NAME");
        Cli.Result badKind = cli().run("tools", "add", "--kind", "shell", "--name", "x");
        Cli.Result unknown = cli().run("tools", "show", "no-such-tool");

        assertThat(reserved.exit()).isEqualTo(CliException.FAILURE);
        assertThat(reserved.err())
                .startsWith("cial-cli: ")
                .contains("CIAL_TOKEN")
                .contains("(validation_failed)");
        assertThat(noValue.exit()).isEqualTo(CliException.USAGE);
        assertThat(noValue.err()).contains("--value");
        assertThat(badKind.exit()).isEqualTo(CliException.USAGE);
        assertThat(unknown.exit()).isEqualTo(CliException.FAILURE);
        assertThat(unknown.err()).contains("not_found)");
    }

    @Test
    void accountsAreSetFromStdinAndShownMasked() {
        Cli.Result set = cli().runWithStdin(CANARY + "\n", "accounts", "set", "kimi_api_key");
        Cli.Result list = cli().run("accounts", "list");
        Cli.Result removed = cli().run("accounts", "rm", "kimi_api_key");
        Cli.Result after = cli().run("--json", "accounts", "list");

        assertThat(List.of(set, list, removed, after)).allSatisfy(r -> {
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.out() + r.err()).doesNotContain(CANARY);
        });
        assertThat(set.out()).containsPattern("kind:\\s+kimi_api_key").containsPattern("scope:\\s+user");
        assertThat(list.out()).containsPattern("kimi_api_key\\s+user\\s+kimi");
        assertThat(removed.out()).isEqualTo("removed kimi_api_key\n");
        assertThat(new JsonObject(after.out())
                        .getJsonArray("items").stream().map(a -> ((JsonObject) a).getString("kind")))
                .doesNotContain("kimi_api_key");
    }

    @Test
    void oauthStartGivesTheAuthorizationUrl() {
        Cli.Result started = cli().run("accounts", "oauth", "start");
        Cli.Result badCode = cli().run("accounts", "oauth", "complete", "not-a-real-code", "--state", "nope");
        Cli.Result badKind = cli().runWithStdin("x\n", "accounts", "set", "openai_key");

        assertThat(started.exit()).as(started.toString()).isZero();
        assertThat(started.out()).startsWith("http").contains("code_challenge");
        assertThat(started.err()).contains("cial-cli accounts oauth complete CODE");
        assertThat(badCode.exit()).isEqualTo(CliException.FAILURE);
        assertThat(badCode.err()).startsWith("cial-cli: ").containsPattern("\\([a-z_]+\\)");
        assertThat(badKind.exit()).isEqualTo(CliException.FAILURE);
        assertThat(badKind.err()).contains("(validation_failed)");
    }

    private static String field(String details, String key) {
        return details.lines()
                .filter(l -> l.startsWith(key + ":"))
                .map(l -> l.substring(key.length() + 1).strip())
                .findFirst()
                .orElseThrow();
    }
}
