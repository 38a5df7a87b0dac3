package io.cial.cli;

import io.cial.cli.commands.AccountsCommand;
import io.cial.cli.commands.ApiCommand;
import io.cial.cli.commands.KnowledgesCommand;
import io.cial.cli.commands.SearchCommand;
import io.cial.cli.commands.SelfCommand;
import io.cial.cli.commands.SessionsCommand;
import io.cial.cli.commands.SkillsCommand;
import io.cial.cli.commands.SystemCommand;
import io.cial.cli.commands.ToolsCommand;
import io.cial.cli.commands.TurnCommand;
import io.cial.cli.commands.UploadsCommand;
import io.cial.cli.output.Output;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code cial-cli}: the command line of a Cial instance. The global options ({@code --url}, {@code --token},
 * {@code --self-url}, {@code --json}) work before or after any subcommand. Exit codes: 0 done, 1 the API refused or
 * the turn failed, 2 bad usage, 3 the instance could not be reached ({@link CliException}).
 */
@Command(
        name = "cial-cli",
        mixinStandardHelpOptions = true,
        versionProvider = CialCli.Version.class,
        description = "Talks to a Cial instance: sessions, streamed turns, and every operation of its API.",
        subcommands = {
            SessionsCommand.class,
            TurnCommand.class,
            ToolsCommand.class,
            AccountsCommand.class,
            KnowledgesCommand.class,
            SkillsCommand.class,
            SearchCommand.class,
            UploadsCommand.class,
            SelfCommand.class,
            SystemCommand.class,
            ApiCommand.class,
            CommandLine.HelpCommand.class
        },
        footerHeading = "%nEnvironment:%n",
        footer = {
            "  CIAL_API_URL   API URL (default " + CliSettings.DEFAULT_API_URL + ")",
            "  CIAL_TOKEN     bearer token (owner token or an agent's cial_at_... token)",
            "  CIAL_DATA      data directory whose gateway/owner.token is used on loopback",
            "  CIAL_SELF_URL  URL of the loopback self-edit listener (default port CIAL_SELF_PORT or 4000)",
            "%nExit codes: 0 ok, 1 API or turn failure, 2 usage, 3 instance unreachable."
        })
public final class CialCli implements Callable<Integer> {

    @Option(
            names = "--url",
            scope = ScopeType.INHERIT,
            paramLabel = "URL",
            description = "API URL (env CIAL_API_URL, default " + CliSettings.DEFAULT_API_URL + ").")
    String url;

    @Option(
            names = "--token",
            scope = ScopeType.INHERIT,
            paramLabel = "TOKEN",
            description = "Bearer token (env CIAL_TOKEN; on loopback the owner token file is tried).")
    String token;

    @Option(
            names = "--self-url",
            scope = ScopeType.INHERIT,
            paramLabel = "URL",
            description = "URL of the loopback self-edit listener (env CIAL_SELF_URL).")
    String selfUrl;

    @Option(
            names = "--json",
            scope = ScopeType.INHERIT,
            description = "Machine output: the API's JSON as is (one JSON value per line when streaming).")
    boolean json;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;
    private final InputStream stdin;
    private final Clock clock;
    private CliRuntime runtime;

    public CialCli(Map<String, String> env, InputStream stdin, Clock clock) {
        this.env = Map.copyOf(env);
        this.stdin = stdin;
        this.clock = clock;
    }

    public static void main(String[] args) {
        CommandLine cli = commandLine(System.getenv(), System.in, Clock.systemDefaultZone());
        cli.setOut(new PrintWriter(utf8(FileDescriptor.out), true));
        cli.setErr(new PrintWriter(utf8(FileDescriptor.err), true));
        System.exit(cli.execute(args));
    }

    private static OutputStreamWriter utf8(FileDescriptor fd) {
        return new OutputStreamWriter(new FileOutputStream(fd), StandardCharsets.UTF_8);
    }

    /**
     * The command line with the CLI's error handling: a {@link CliException} prints {@code cial-cli: <message>} on
     * stderr and exits with its code, a usage error exits 2, and the run's Vert.x is closed when the command ends.
     */
    public static CommandLine commandLine(Map<String, String> env, InputStream stdin, Clock clock) {
        CialCli root = new CialCli(env, stdin, clock);
        CommandLine cli = new CommandLine(root);
        // @FILE is ours (--data @FILE, --text @FILE): picocli must not expand it into arguments.
        cli.setExpandAtFiles(false);
        cli.setExecutionStrategy(parsed -> {
            try {
                return new CommandLine.RunLast().execute(parsed);
            } finally {
                root.closeRuntime();
            }
        });
        cli.setExecutionExceptionHandler(CialCli::onFailure);
        cli.setParameterExceptionHandler(CialCli::onUsageError);
        return cli;
    }

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed");
    }

    /** The run's runtime, created on first use from the global options and the environment. */
    public synchronized CliRuntime runtime() {
        if (runtime == null) {
            CliSettings settings = CliSettings.resolve(new CliSettings.Flags(url, token, selfUrl, json), env, home());
            Output output =
                    new Output(spec.commandLine().getOut(), spec.commandLine().getErr(), json, clock);
            runtime = new CliRuntime(settings, output);
        }
        return runtime;
    }

    public InputStream stdin() {
        return stdin;
    }

    private Path home() {
        String home = env.get("HOME");
        return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"));
    }

    private synchronized void closeRuntime() {
        if (runtime != null) {
            runtime.close();
            runtime = null;
        }
    }

    private static int onFailure(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
        PrintWriter err = command.getErr();
        if (e instanceof CliException cli) {
            err.println("cial-cli: " + cli.getMessage());
            if (cli.exitCode() == CliException.USAGE) {
                err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more.");
            }
            err.flush();
            return cli.exitCode();
        }
        err.println("cial-cli: unexpected failure: " + e);
        err.flush();
        return CliException.FAILURE;
    }

    private static int onUsageError(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("cial-cli: " + e.getMessage());
        err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more.");
        err.flush();
        return CliException.USAGE;
    }

    /** The version from the jar manifest (set by the build), or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = CialCli.class.getPackage().getImplementationVersion();
            return new String[] {"cial-cli " + (version == null ? "development" : version)};
        }
    }
}
