package io.cial.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.cial.cli.Cli;
import io.cial.cli.CliException;
import io.cial.cli.CliSettings;
import io.cial.cli.WithInstance;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code cial-cli sessions ...} against a real instance. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SessionsCommandTest extends WithInstance {

    @TempDir
    Path scratch;

    @Test
    void createListShowRenameAndRemove() {
        Cli.Result created = cli().run("sessions", "create", "--name", "First try", "--provider", "demo", "--json");
        assertThat(created.exit()).as(created.toString()).isZero();
        String id = new JsonObject(created.out()).getString("id");

        Cli.Result list = cli().run("sessions", "list");
        Cli.Result show = cli().run("sessions", "show", id);
        Cli.Result renamed = cli().run("sessions", "rename", id, "Second name");
        Cli.Result afterRename = cli().run("--json", "sessions", "show", id);
        Cli.Result removed = cli().run("sessions", "rm", id);
        Cli.Result gone = cli().run("sessions", "show", id);

        assertThat(list.exit()).as(list.toString()).isZero();
        assertThat(list.out().lines().findFirst())
                .hasValueSatisfying(
                        h -> assertThat(h).startsWith("ID").contains("NAME", "PROVIDER", "STATUS", "UPDATED"));
        assertThat(list.out()).containsPattern(id + "\\s+First try\\s+demo");
        assertThat(show.out()).containsPattern("id:\\s+" + id).containsPattern("status:\\s+idle");
        assertThat(renamed.out()).containsPattern("name:\\s+Second name");
        assertThat(new JsonObject(afterRename.out()).getString("name")).isEqualTo("Second name");
        assertThat(removed.out()).isEqualTo("deleted " + id + "\n");
        assertThat(gone.exit()).isEqualTo(CliException.FAILURE);
        assertThat(gone.err()).startsWith("cial-cli: ").contains("not_found)");
    }

    @Test
    void searchFindsAMessageAcrossSessions() {
        String id = new JsonObject(
                        cli().run("--json", "sessions", "create", "--name", "searchable", "--provider", "demo")
                                .out())
                .getString("id");
        Cli.Result turn = cli().run("turn", "send", "--session", id, "zebrafish migration patterns");
        assertThat(turn.exit()).as(turn.toString()).isZero();

        Cli.Result found = cli().run("search", "zebrafish");
        Cli.Result json = cli().run("search", "zebrafish", "--json");
        Cli.Result none = cli().run("search", "nonexistentwordxyz", "--json");

        assertThat(found.exit()).as(found.toString()).isZero();
        assertThat(found.out()).contains("searchable (" + id + ")").contains("zebrafish");
        assertThat(new JsonObject(json.out())
                        .getJsonArray("items")
                        .getJsonObject(0)
                        .getString("sessionId"))
                .isEqualTo(id);
        assertThat(new JsonObject(none.out()).getJsonArray("items")).isEmpty();
    }

    @Test
    void listJsonIsTheApisPage() {
        cli().run("sessions", "create", "--name", "for the page", "--provider", "demo");

        Cli.Result json = cli().run("sessions", "list", "--json", "--limit", "200");

        assertThat(json.exit()).as(json.toString()).isZero();
        JsonObject page = new JsonObject(json.out());
        assertThat(page.getJsonArray("items").stream().map(s -> ((JsonObject) s).getString("name")))
                .contains("for the page");
    }

    @Test
    void messagesOfANewSessionAreEmpty() {
        String id = new JsonObject(cli().run("--json", "sessions", "create", "--provider", "demo")
                        .out())
                .getString("id");

        Cli.Result messages = cli().run("sessions", "messages", id);
        Cli.Result json = cli().run("sessions", "messages", id, "--json");

        assertThat(messages.exit()).as(messages.toString()).isZero();
        assertThat(messages.out()).isEmpty();
        assertThat(new JsonObject(json.out()).getJsonArray("items")).isEmpty();
    }

    @Test
    void tasksOfASessionAreListed() {
        String id = new JsonObject(cli().run("--json", "sessions", "create", "--provider", "demo")
                        .out())
                .getString("id");

        Cli.Result tasks = cli().run("sessions", "tasks", id);
        Cli.Result json = cli().run("--json", "sessions", "tasks", id);
        Cli.Result unknown = cli().run("sessions", "tasks", "no-such-session");

        assertThat(tasks.exit()).as(tasks.toString()).isZero();
        assertThat(tasks.out()).startsWith("TASK").contains("STATUS", "DESCRIPTION");
        assertThat(new JsonObject(json.out()).getJsonArray("items")).isEmpty();
        assertThat(unknown.exit()).isEqualTo(CliException.FAILURE);
        assertThat(unknown.err()).contains("not_found)");
    }

    @Test
    void badInputGetsAnExitCodeAndAReadableMessage() {
        String id = new JsonObject(cli().run("--json", "sessions", "create", "--provider", "demo")
                        .out())
                .getString("id");

        Cli.Result emptyName = cli().run("sessions", "rename", id, "");
        Cli.Result badLimit = cli().run("sessions", "list", "--limit", "0");
        Cli.Result badProvider = cli().run("sessions", "create", "--provider", "nonsense");
        Cli.Result notANumber = cli().run("sessions", "list", "--limit", "many");
        Cli.Result unknownCommand = cli().run("sessions", "frobnicate");
        Cli.Result missingId = cli().run("sessions", "show");

        assertThat(List.of(emptyName, badLimit, badProvider))
                .allSatisfy(r -> assertThat(r.exit()).as(r.toString()).isEqualTo(CliException.FAILURE));
        assertThat(emptyName.err()).startsWith("cial-cli: ").contains("name").contains("(validation_failed)");
        assertThat(badLimit.err()).contains("limit").contains("(validation_failed)");
        assertThat(badProvider.err()).contains("provider").contains("(validation_failed)");
        assertThat(List.of(notANumber, unknownCommand, missingId))
                .allSatisfy(r -> assertThat(r.exit()).as(r.toString()).isEqualTo(CliException.USAGE));
        assertThat(notANumber.err()).contains("'many'").contains("--limit");
        assertThat(unknownCommand.err()).contains("frobnicate");
        assertThat(missingId.err()).contains("Missing required parameter");
    }

    @Test
    void theOwnerTokenFileIsUsedAndAStaleOneIsDropped() throws Exception {
        Path staleData = Files.createDirectories(scratch.resolve("stale/gateway"));
        Files.writeString(staleData.resolve("owner.token"), "cial_ot_stale-token-from-another-instance\n");

        Cli.Result withRealFile =
                cli().with(CliSettings.ENV_DATA, dataDir().toString()).run("sessions", "list");
        Cli.Result withStaleFile = cli().with(
                        CliSettings.ENV_DATA, scratch.resolve("stale").toString())
                .run("sessions", "list");

        assertThat(withRealFile.exit()).as(withRealFile.toString()).isZero();
        assertThat(withStaleFile.exit()).as(withStaleFile.toString()).isZero();
    }
}
