package io.cial.cli.commands;

import io.cial.cli.CialCli;
import io.cial.cli.CliRuntime;
import io.cial.cli.output.Details;
import io.cial.cli.output.Output;
import io.cial.cli.output.Table;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cial-cli accounts ...}: model-provider credentials (API keys, Anthropic OAuth), always shown masked. */
@Command(
        name = "accounts",
        mixinStandardHelpOptions = true,
        description = "Model accounts: Anthropic API key or OAuth, Kimi API key; yours, the instance's, the server's.",
        subcommands = {AccountsCommand.OAuth.class})
public final class AccountsCommand {

    static final String KINDS = "anthropic_api_key|anthropic_oauth|kimi_api_key";

    @ParentCommand
    CialCli root;

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The accounts a turn may use, in order.")
    void list() {
        CliRuntime rt = root.runtime();
        JsonObject page = rt.op("listAccounts").object();
        Output out = rt.output();
        if (out.json()) {
            out.printJson(page);
            return;
        }
        Table table = Table.of("KIND", "SCOPE", "PROVIDER", "SECRET", "EXPIRES", "NOTE");
        for (Object item : page.getJsonArray("items", new JsonArray())) {
            JsonObject a = (JsonObject) item;
            String note = a.getBoolean("readOnly", false)
                    ? "from the server's environment"
                    : a.getBoolean("refreshable", false) ? "refreshable" : "";
            String expires = a.getString("expiresAt");
            table.row(
                    a.getString("kind"),
                    a.getString("scope"),
                    a.getString("provider"),
                    a.getString("secret"),
                    expires == null ? "-" : out.time().format(expires),
                    note);
        }
        table.print(out.out());
    }

    @Command(
            name = "set",
            mixinStandardHelpOptions = true,
            description = "Store an API key or a long-lived OAuth token; without --secret it is read from stdin.")
    void set(
            @Parameters(paramLabel = KINDS) String kind,
            @Option(names = "--scope", paramLabel = "user|instance") String scope,
            @Option(names = "--secret", paramLabel = "SECRET|-", description = "Prefer stdin: argv is visible.")
                    String secret,
            @Option(names = "--expires-at", paramLabel = "ISO-8601", description = "When a pasted token expires.")
                    String expiresAt) {
        String value = secret == null ? Input.stdin(root, "the secret") : Input.valueOrStdin(root, secret, "--secret");
        JsonObject body = new JsonObject().put("secret", value);
        if (expiresAt != null) {
            body.put("expiresAt", expiresAt);
        }
        print(root.runtime()
                .op("setAccount")
                .path("kind", kind)
                .query("scope", scope)
                .json(body)
                .object());
    }

    @Command(name = "rm", aliases = "delete", mixinStandardHelpOptions = true, description = "Remove an account.")
    void rm(
            @Parameters(paramLabel = KINDS) String kind,
            @Option(names = "--scope", paramLabel = "user|instance") String scope) {
        CliRuntime rt = root.runtime();
        rt.op("removeAccount").path("kind", kind).query("scope", scope).send();
        if (!rt.output().json()) {
            rt.output().line("removed " + kind + (scope == null ? "" : " (" + scope + ")"));
        }
    }

    void print(JsonObject account) {
        Output out = root.runtime().output();
        if (out.json()) {
            out.printJson(account);
            return;
        }
        Details.of()
                .add("kind", account.getString("kind"))
                .add("scope", account.getString("scope"))
                .add("provider", account.getString("provider"))
                .add("secret", account.getString("secret"))
                .add("expires", account.getString("expiresAt"))
                .add("refreshable", account.getBoolean("refreshable", false) ? "yes" : "no")
                .print(out);
    }

    /** {@code cial-cli accounts oauth start|complete|refresh}: Anthropic OAuth sign-in with PKCE. */
    @Command(name = "oauth", mixinStandardHelpOptions = true, description = "Sign in to Anthropic with OAuth.")
    static final class OAuth {

        @ParentCommand
        AccountsCommand accounts;

        @Command(
                name = "start",
                mixinStandardHelpOptions = true,
                description = "Get the authorization URL to open in a browser.")
        void start(@Option(names = "--scope", paramLabel = "user|instance") String scope) {
            JsonObject body = scope == null ? new JsonObject() : new JsonObject().put("scope", scope);
            CliRuntime rt = accounts.root.runtime();
            JsonObject started = rt.op("startAccountOAuth").json(body).object();
            Output out = rt.output();
            if (out.json()) {
                out.printJson(started);
                return;
            }
            out.line(started.getString("authorizationUrl"));
            out.note("Open the URL above, sign in, then run: cial-cli accounts oauth complete CODE");
        }

        @Command(
                name = "complete",
                mixinStandardHelpOptions = true,
                description = "Exchange the code the provider showed (\"code#state\" accepted) for tokens.")
        void complete(
                @Parameters(paramLabel = "CODE") String code,
                @Option(names = "--state", paramLabel = "STATE") String state) {
            JsonObject body = new JsonObject().put("code", code);
            if (state != null) {
                body.put("state", state);
            }
            accounts.print(accounts.root
                    .runtime()
                    .op("completeAccountOAuth")
                    .json(body)
                    .object());
        }

        @Command(name = "refresh", mixinStandardHelpOptions = true, description = "Refresh the access token now.")
        void refresh(@Option(names = "--scope", paramLabel = "user|instance") String scope) {
            JsonObject body = scope == null ? new JsonObject() : new JsonObject().put("scope", scope);
            accounts.print(
                    accounts.root.runtime().op("refreshAccountOAuth").json(body).object());
        }
    }
}
