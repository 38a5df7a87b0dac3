package io.cial.sessions.engine;

import io.cial.sessions.SessionsConfig;
import io.cial.sessions.engine.demo.DemoMain;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The offline demo engine: {@link DemoMain} in a fresh JVM of the running Java with this server's classpath. It writes
 * the same stream-json as the Claude Code CLI, so its turns go through exactly the same spawn, tail and parse path. The
 * instance's {@code CIAL_DEMO_*} environment variables are passed to it.
 */
public final class DemoEngine implements Engine {

    /** A small, quick-starting JVM: the demo holds no data and runs for seconds. */
    static final List<String> JVM_FLAGS =
            List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m", "-Xss512k");

    private final Vertx vertx;
    private final SessionsConfig config;

    public DemoEngine(Vertx vertx, SessionsConfig config) {
        this.vertx = vertx;
        this.config = config;
    }

    @Override
    public Future<EngineLaunch> prepare(TurnSpec turn) {
        return vertx.executeBlocking(
                () -> {
                    Map<String, String> env = new HashMap<>(EngineEnvironment.base(config, turn));
                    config.env().forEach(entry -> {
                        if (entry.getKey().startsWith(DemoMain.ENV_PREFIX) && entry.getValue() instanceof String v) {
                            env.put(entry.getKey(), v);
                        }
                    });
                    env.put(DemoMain.ENV_DELAY, Long.toString(config.demoDelayMs()));
                    return new EngineLaunch(command(turn), env, config.workspace());
                },
                false);
    }

    private static List<String> command(TurnSpec turn) {
        String java = ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(JVM_FLAGS);
        command.addAll(List.of("-cp", absoluteClassPath(), DemoMain.class.getName()));
        command.addAll(List.of(turn.resume() ? "--resume" : "--session-id", turn.engineSessionId()));
        if (turn.model() != null) {
            command.addAll(List.of("--model", turn.model()));
        }
        return command;
    }

    /**
     * This JVM's class path with absolute entries: the engine runs in the workspace, where a relative entry (as {@code
     * java -jar gateway/target/cial.jar} gives) would not resolve.
     */
    static String absoluteClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().normalize().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }
}
