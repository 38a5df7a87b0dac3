package io.cial.cli.commands;

import io.cial.cli.CialCli;
import io.cial.cli.CliRuntime;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cial-cli turn ...}: start a turn and stream its answer, or cancel the running one. */
@Command(
        name = "turn",
        mixinStandardHelpOptions = true,
        description = "Send a prompt and stream the answer; cancel a running turn.",
        subcommands = {TurnSendCommand.class})
public final class TurnCommand {

    @ParentCommand
    CialCli root;

    @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel the session's running turn.")
    void cancel(@Parameters(paramLabel = "SESSION_ID") String sessionId) {
        CliRuntime rt = root.runtime();
        JsonObject reply = rt.op("cancelTurn").path("sessionId", sessionId).object();
        if (rt.output().json()) {
            rt.output().printJson(reply);
        } else {
            rt.output().line("cancelling turn " + reply.getString("turnId"));
        }
    }
}
