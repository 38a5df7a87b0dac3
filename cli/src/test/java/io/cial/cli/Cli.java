package io.cial.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;

/** Runs cial-cli in-process through picocli's {@code execute}, with its own environment, stdin and captured output. */
public final class Cli {

    /** What one run printed and returned. */
    public record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private final Map<String, String> env;

    private Cli(Map<String, String> env) {
        this.env = env;
    }

    /**
     * A CLI pointed at {@code apiUrl} with HOME set to {@code home}, so no owner token of the machine is picked up.
     */
    public static Cli at(String apiUrl, Path home) {
        Map<String, String> env = new HashMap<>();
        env.put(CliSettings.ENV_API_URL, apiUrl);
        env.put("HOME", home.toString());
        return new Cli(env);
    }

    public Cli with(String key, String value) {
        Map<String, String> more = new HashMap<>(env);
        more.put(key, value);
        return new Cli(more);
    }

    public Result run(String... args) {
        return runWithStdin("", args);
    }

    public Result runWithStdin(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = CialCli.commandLine(
                env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), Clock.systemUTC());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }
}
