package io.cial.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliSettingsTest {

    private static final CliSettings.Flags NO_FLAGS = new CliSettings.Flags(null, null, null, false);

    @TempDir
    Path home;

    @Test
    void defaultsToTheLocalInstance() {
        CliSettings settings = CliSettings.resolve(NO_FLAGS, Map.of(), home);

        assertThat(settings.apiUrl()).hasToString(CliSettings.DEFAULT_API_URL);
        assertThat(settings.restBase()).isEqualTo("http://127.0.0.1:8080/.cial/api/v1");
        assertThat(settings.selfRestBase()).isEqualTo("http://127.0.0.1:4000/.cial/api/v1");
        assertThat(settings.tokenSource()).isEqualTo(CliSettings.TokenSource.NONE);
        assertThat(settings.token()).isNull();
    }

    @Test
    void flagBeatsEnvironmentAndTrailingV1IsDropped() {
        Map<String, String> env = Map.of(
                CliSettings.ENV_API_URL, "http://env-host:1/.cial/api",
                CliSettings.ENV_TOKEN, "from-env",
                CliSettings.ENV_SELF_PORT, "4555");

        CliSettings fromEnv = CliSettings.resolve(NO_FLAGS, env, home);
        CliSettings fromFlags = CliSettings.resolve(
                new CliSettings.Flags("http://flag-host:2/.cial/api/v1/", "from-flag", null, true), env, home);

        assertThat(fromEnv.apiUrl()).hasToString("http://env-host:1/.cial/api");
        assertThat(fromEnv.token()).isEqualTo("from-env");
        assertThat(fromEnv.tokenSource()).isEqualTo(CliSettings.TokenSource.ENV);
        assertThat(fromEnv.selfUrl()).hasToString("http://127.0.0.1:4555/.cial/api");
        assertThat(fromFlags.apiUrl()).hasToString("http://flag-host:2/.cial/api");
        assertThat(fromFlags.token()).isEqualTo("from-flag");
        assertThat(fromFlags.json()).isTrue();
    }

    @Test
    void aMalformedUrlIsAUsageError() {
        assertThatThrownBy(() ->
                        CliSettings.resolve(new CliSettings.Flags("ftp://x/y", null, null, false), Map.of(), home))
                .isInstanceOfSatisfying(
                        CliException.class, e -> assertThat(e.exitCode()).isEqualTo(CliException.USAGE))
                .hasMessageContaining("--url")
                .hasMessageContaining("ftp://x/y");
    }

    @Test
    void onLoopbackTheOwnerTokenFileOfTheDataDirectoryIsUsed() throws Exception {
        Path data = Files.createDirectories(home.resolve("data"));
        Files.createDirectories(data.resolve("gateway"));
        Files.writeString(data.resolve(CliSettings.OWNER_TOKEN_FILE), "cial_ot_data-dir-token\n");
        Files.createDirectories(home.resolve(".cial/gateway"));
        Files.writeString(home.resolve(".cial").resolve(CliSettings.OWNER_TOKEN_FILE), "cial_ot_home-token\n");

        CliSettings withData = CliSettings.resolve(NO_FLAGS, Map.of(CliSettings.ENV_DATA, data.toString()), home);
        CliSettings withHome = CliSettings.resolve(NO_FLAGS, Map.of(), home);

        assertThat(withData.token()).isEqualTo("cial_ot_data-dir-token");
        assertThat(withData.tokenSource()).isEqualTo(CliSettings.TokenSource.FILE);
        assertThat(withHome.token()).isEqualTo("cial_ot_home-token");
    }

    @Test
    void aRemoteUrlNeverReadsTheTokenFile() throws Exception {
        Files.createDirectories(home.resolve(".cial/gateway"));
        Files.writeString(home.resolve(".cial").resolve(CliSettings.OWNER_TOKEN_FILE), "cial_ot_home-token\n");

        CliSettings remote = CliSettings.resolve(
                new CliSettings.Flags("https://cial.example.org/.cial/api", null, null, false), Map.of(), home);

        assertThat(remote.token()).isNull();
        assertThat(remote.tokenSource()).isEqualTo(CliSettings.TokenSource.NONE);
    }

    @Test
    void theTokenNeverAppearsInToString() {
        CliSettings settings = CliSettings.resolve(
                new CliSettings.Flags(null, "sk-ant-fake-secret-token", null, false), Map.of(), home);

        assertThat(settings.toString())
                .doesNotContain("sk-ant-fake-secret-token")
                .contains("FLAG");
    }

    @Test
    void loopbackIsJudgedOnTheNameOnly() {
        assertThat(CliSettings.isLoopback("localhost")).isTrue();
        assertThat(CliSettings.isLoopback("127.0.0.1")).isTrue();
        assertThat(CliSettings.isLoopback("[::1]")).isTrue();
        assertThat(CliSettings.isLoopback("10.0.0.1")).isFalse();
        assertThat(CliSettings.isLoopback("localhost.example.org")).isFalse();
    }
}
