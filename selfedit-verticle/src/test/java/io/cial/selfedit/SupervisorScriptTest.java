package io.cial.selfedit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real {@code bin/cial} with a stand-in for {@code java} that records how it was started and exits with the
 * codes the test scripts for it, so restart, fallback and signal handling are seen without a real instance.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SupervisorScriptTest {

    private static final String FAKE_JAVA =
            """
            #!/usr/bin/env bash
            # Records "<build id>|<args>", then exits with the next code of exits.txt (one per line, 0 when none left).
            echo "${CIAL_BUILD_ID:-source}|${CIAL_SUPERVISED}|$*" >> "$FAKE_DIR/runs.txt"
            code=$(head -n 1 "$FAKE_DIR/exits.txt" 2>/dev/null)
            sed -i '1d' "$FAKE_DIR/exits.txt" 2>/dev/null
            if [ "$code" = "sleep" ]; then
              trap 'echo stopped >> "$FAKE_DIR/runs.txt"; exit 143' TERM
              touch "$FAKE_DIR/started"
              sleep 30 & wait $!
              exit 0
            fi
            exit "${code:-0}"
            """;

    @TempDir
    Path dir;

    private Path builds;

    @BeforeEach
    void fakeJava() throws IOException {
        Path java = dir.resolve("fake-java");
        Files.writeString(java, FAKE_JAVA);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        builds = Files.createDirectories(dir.resolve("data/selfedit/builds"));
    }

    @Test
    void startsTheSourceJarWithoutAStagedBuildAndRestartsOnExitCode75() throws Exception {
        exits("75", "0");

        Process supervisor = start("--port", "8080");

        assertThat(supervisor.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(supervisor.exitValue()).isZero();
        assertThat(runs())
                .containsExactly(
                        "source|1|-jar " + dir.resolve("source.jar") + " --port 8080",
                        "source|1|-jar " + dir.resolve("source.jar") + " --port 8080");
    }

    @Test
    void runsTheCurrentBuildAndFallsBackToKnownGoodWhenItDiesOnStart() throws Exception {
        stage("20260101-000000001-aaaa");
        stage("20260101-000000002-bbbb");
        Files.writeString(builds.resolve("known-good"), "20260101-000000001-aaaa/cial.jar\n");
        Files.writeString(builds.resolve("current"), "20260101-000000002-bbbb/cial.jar\n");
        exits("1", "0");

        Process supervisor = start();

        assertThat(supervisor.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(supervisor.exitValue()).isZero();
        assertThat(runs())
                .extracting(run -> run.substring(0, run.indexOf('|')))
                .containsExactly("20260101-000000002-bbbb", "20260101-000000001-aaaa");
        assertThat(builds.resolve("current")).content().isEqualToIgnoringNewLines("20260101-000000001-aaaa/cial.jar");
    }

    @Test
    void exitsWithTheInstanceCodeWhenTheKnownGoodBuildFailsToo() throws Exception {
        stage("20260101-000000001-aaaa");
        Files.writeString(builds.resolve("known-good"), "20260101-000000001-aaaa/cial.jar\n");
        Files.writeString(builds.resolve("current"), "20260101-000000001-aaaa/cial.jar\n");
        exits("3");

        Process supervisor = start();

        assertThat(supervisor.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(supervisor.exitValue()).isEqualTo(3);
        assertThat(runs()).hasSize(1);
    }

    @Test
    void forwardsSigtermToTheInstanceAndDoesNotRestartIt() throws Exception {
        exits("sleep");
        Process supervisor = start();
        for (int i = 0; i < 250 && !Files.exists(dir.resolve("started")); i++) {
            Thread.sleep(20);
        }

        supervisor.destroy();

        assertThat(supervisor.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(supervisor.exitValue()).isEqualTo(143);
        assertThat(runs()).hasSize(2).last().isEqualTo("stopped");
    }

    private void stage(String id) throws IOException {
        Files.createDirectories(builds.resolve(id));
        Files.writeString(builds.resolve(id + "/cial.jar"), "jar");
    }

    private void exits(String... codes) throws IOException {
        Files.write(dir.resolve("exits.txt"), List.of(codes));
    }

    private List<String> runs() throws IOException {
        return Files.readAllLines(dir.resolve("runs.txt"));
    }

    private Process start(String... args) throws IOException {
        Path script = Path.of(System.getProperty("cial.repo.root", "..")).resolve("bin/cial");
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.redirectOutput(dir.resolve("supervisor.log").toFile());
        builder.environment().put("CIAL_JAVA", dir.resolve("fake-java").toString());
        builder.environment().put("CIAL_SOURCE_JAR", dir.resolve("source.jar").toString());
        builder.environment().put("CIAL_DATA", dir.resolve("data").toString());
        builder.environment().put("FAKE_DIR", dir.toString());
        builder.environment().remove("CIAL_BUILD_ID");
        return builder.start();
    }
}
