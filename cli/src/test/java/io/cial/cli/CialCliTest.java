package io.cial.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command tree itself: help, usage errors, and global options given after a subcommand. */
class CialCliTest {

    private static final String NOWHERE = "http://127.0.0.1:1/.cial/api";

    @TempDir
    Path home;

    @Test
    void helpListsTheCommandsAndTheEnvironment() {
        Cli.Result help = Cli.at(NOWHERE, home).run("--help");

        assertThat(help.exit()).isZero();
        assertThat(help.out())
                .contains("sessions", "turn", "api", "--url", "--token", "--json")
                .contains("CIAL_API_URL", "CIAL_TOKEN", "Exit codes");
    }

    @Test
    void noCommandIsAUsageError() {
        Cli.Result result = Cli.at(NOWHERE, home).run();

        assertThat(result.exit()).isEqualTo(CliException.USAGE);
        assertThat(result.err()).contains("cial-cli: a command is needed").contains("--help");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        Cli.Result result = Cli.at(NOWHERE, home).run("sessions", "list", "--colour");

        assertThat(result.exit()).isEqualTo(CliException.USAGE);
        assertThat(result.err()).contains("Unknown option: '--colour'").contains("cial-cli sessions list --help");
    }

    @Test
    void globalOptionsWorkAfterTheSubcommand() {
        Cli.Result result =
                Cli.at("http://127.0.0.1:8080/.cial/api", home).run("sessions", "list", "--url", NOWHERE, "--json");

        assertThat(result.exit()).isEqualTo(CliException.CONNECTION);
        assertThat(result.err()).contains("cannot reach the Cial instance at " + NOWHERE);
    }

    @Test
    void aMalformedUrlFromTheEnvironmentIsAUsageError() {
        Cli.Result result = Cli.at("not a url", home).run("sessions", "list");

        assertThat(result.exit()).isEqualTo(CliException.USAGE);
        assertThat(result.err()).contains("--url / CIAL_API_URL must be an http(s) URL");
    }
}
