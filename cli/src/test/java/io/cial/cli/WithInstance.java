package io.cial.cli;

import io.cial.gateway.TestInstance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** A real instance (every area on the class path) shared by the tests of one class, and a CLI pointed at it. */
public abstract class WithInstance {

    /** The demo engine's pause between text deltas: quick, yet several deltas per turn. */
    public static final String DEMO_DELAY_MS = "15";

    @TempDir
    static Path dir;

    protected static TestInstance instance;

    @BeforeAll
    static void startInstance() throws Exception {
        Files.createDirectories(dir.resolve("home"));
        instance = TestInstance.start(dir.resolve("data"), Map.of("CIAL_DEMO_DELAY_MS", DEMO_DELAY_MS));
    }

    @AfterAll
    static void stopInstance() {
        instance.close();
    }

    /** The CLI on the instance's URL, acting as the loopback owner, with a HOME holding no token. */
    protected static Cli cli() {
        return Cli.at(instance.instance.apiUrl(), dir.resolve("home"));
    }

    /** The CLI on another URL (a proxy in front of the instance), with the same token-free HOME. */
    protected static Cli cliAt(String apiUrl) {
        return Cli.at(apiUrl, dir.resolve("home"));
    }

    protected static Path dataDir() {
        return dir.resolve("data");
    }
}
