package io.cial.gateway;

import io.cial.protocol.InstanceLifecycle;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Starts a Cial instance: {@code java -jar gateway/target/cial.jar [--port N] [--host H] [--data DIR] [--workspace DIR]
 * [--self-port N]}. Every flag falls back to its environment variable, then to its default.
 */
@Command(
        name = "cial",
        mixinStandardHelpOptions = true,
        description = "Runs a Cial instance: the API, WebSocket and agent turns of one person's AI workspace.")
public final class Main implements Callable<Integer> {

    @Option(names = "--port", description = "Public port (env CIAL_PORT, default 8080).")
    Integer port;

    @Option(names = "--host", description = "Public host (env CIAL_HOST, default 127.0.0.1).")
    String host;

    @Option(names = "--data", description = "Data directory (env CIAL_DATA, default ~/.cial).")
    Path data;

    @Option(names = "--workspace", description = "Engine working folder (env CIAL_WORKSPACE, default DATA/workspace).")
    Path workspace;

    @Option(names = "--self-port", description = "Loopback self-edit port (env CIAL_SELF_PORT, default 4000).")
    Integer selfPort;

    @Option(
            names = "--allowed-origin",
            description =
                    "Extra browser origin allowed to open the WebSocket (env CIAL_ALLOWED_ORIGINS, comma-separated).")
    List<String> allowedOrigins;

    public static void main(String[] args) {
        int code = new CommandLine(new Main()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() throws Exception {
        InstanceSettings settings = settings(System.getenv());
        Instance instance;
        try {
            instance = Instance.start(settings, () -> System.exit(InstanceLifecycle.RESTART_EXIT_CODE))
                    .await();
        } catch (Exception e) {
            System.err.println("cial: failed to start: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> instance.close().await(), "cial-shutdown"));
        printBanner(instance);
        return 0;
    }

    InstanceSettings settings(Map<String, String> env) {
        Path dataDir = data != null ? data : Path.of(env.getOrDefault("CIAL_DATA", defaultDataDir()));
        String workspaceEnv = env.get("CIAL_WORKSPACE");
        return new InstanceSettings(
                host != null ? host : env.getOrDefault("CIAL_HOST", GatewayConfig.DEFAULT_HOST),
                port != null ? port : intEnv(env, "CIAL_PORT", GatewayConfig.DEFAULT_PORT),
                selfPort != null ? selfPort : intEnv(env, "CIAL_SELF_PORT", InstanceSettings.DEFAULT_SELF_PORT),
                dataDir,
                workspace != null ? workspace : workspaceEnv == null ? null : Path.of(workspaceEnv),
                sourceDir(env),
                env,
                origins(env),
                false);
    }

    private List<String> origins(Map<String, String> env) {
        if (allowedOrigins != null) {
            return allowedOrigins;
        }
        String list = env.get("CIAL_ALLOWED_ORIGINS");
        return list == null || list.isBlank()
                ? List.of()
                : Arrays.stream(list.split(",")).map(String::trim).toList();
    }

    private static int intEnv(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        try {
            return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(
                    new CommandLine(new Main()), name + " must be an integer, got '" + value + "'");
        }
    }

    private static String defaultDataDir() {
        return System.getProperty("user.home") + File.separator + ".cial";
    }

    /** The source tree the running jar was built from: {@code <root>/gateway/target/cial.jar} → {@code <root>}. */
    static Path sourceDir(Map<String, String> env) {
        if (env.containsKey("CIAL_SOURCE_DIR")) {
            return Path.of(env.get("CIAL_SOURCE_DIR"));
        }
        try {
            Path jar = Path.of(Main.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            Path root = jar.getParent() == null ? null : jar.getParent().getParent();
            root = root == null ? null : root.getParent();
            return root != null && Files.exists(root.resolve("pom.xml")) ? root : null;
        } catch (URISyntaxException | SecurityException e) {
            return null;
        }
    }

    private static void printBanner(Instance instance) {
        System.out.println("Cial instance listening on " + instance.apiUrl());
        System.out.println("  OpenAPI contract:  " + instance.apiUrl() + "/v1/openapi.json");
        System.out.println("  WebSocket:         " + instance.apiUrl().replace("http", "ws") + "/ws");
        System.out.println("  Authenticate:      connections from this machine (loopback, no proxy headers) act as");
        System.out.println("                     the owner; anyone else sends 'Authorization: Bearer <owner token>'");
        System.out.println("                     with the token from " + instance.tokenFile());
        System.out.println("  Data directory:    " + instance.settings().dataDir());
        System.out.println("  Workspace:         " + instance.settings().workspace());
    }
}
