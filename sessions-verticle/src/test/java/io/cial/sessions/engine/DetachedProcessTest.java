package io.cial.sessions.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Engines start detached, as their own session, and at the niceness the server asks for, with their own pid. */
class DetachedProcessTest {

    @TempDir
    Path dir;

    /** Starts a shell engine and waits until it has read its prompt: setsid and nice have exec'd into it by then. */
    private DetachedProcess.Started start(int niceness) throws Exception {
        EngineLaunch launch = new EngineLaunch(
                List.of("/bin/sh", "-c", "read line; echo got $line; sleep 30"), Map.of("PATH", "/usr/bin:/bin"), dir);
        Path log = dir.resolve(niceness + ".log");
        DetachedProcess.Started started =
                DetachedProcess.start(launch, "hello\n", dir.resolve("p" + niceness), log, niceness);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Files.readString(log).contains("got hello") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(Files.readString(log)).isEqualTo("got hello\n");
        return started;
    }

    private static int niceOfServer() {
        return Integer.parseInt(
                ProcessIdentity.statFields(ProcessHandle.current().pid())[16]);
    }

    @Test
    void anEngineRunsNicerThanTheServerByTheGivenAmount() throws Exception {
        DetachedProcess.Started started = start(7);
        try {
            String[] fields = ProcessIdentity.statFields(started.identity().pid());
            assertThat(Integer.parseInt(fields[16])).isEqualTo(Math.min(19, niceOfServer() + 7));
            // setsid and nice exec: the pid is the engine's, and it leads its own session.
            assertThat(Long.parseLong(fields[3])).isEqualTo(started.identity().pid());
            assertThat(started.identity().isAlive()).isTrue();
        } finally {
            started.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void nicenessZeroKeepsTheServersPriority() throws Exception {
        DetachedProcess.Started started = start(0);
        try {
            assertThat(Integer.parseInt(
                            ProcessIdentity.statFields(started.identity().pid())[16]))
                    .isEqualTo(niceOfServer());
        } finally {
            started.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
