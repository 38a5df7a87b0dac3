package io.cial.sessions.engine;

import java.io.File;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Signals to a whole process group: an engine runs as the leader of its own group (started through {@code setsid}),
 * and tools it spawns stay in that group, so signalling the group stops them all. Runs {@code kill}: blocking, call on
 * a worker. A group id of 0 or 1 (or below) is never signalled: {@code kill -- -1} would reach every process.
 */
public final class ProcessGroups {

    public enum Signal {
        INT,
        TERM,
        KILL
    }

    private static final String KILL = new File("/bin/kill").canExecute() ? "/bin/kill" : "kill";

    private ProcessGroups() {}

    /** Sends {@code signal} to every process of group {@code pgid}; @return whether any process received it */
    public static boolean signal(long pgid, Signal signal) {
        if (pgid <= 1) {
            return false;
        }
        return run(KILL, "-s", signal.name(), "--", "-" + pgid);
    }

    /** Whether any process of group {@code pgid} still exists. */
    public static boolean exists(long pgid) {
        if (pgid <= 1) {
            return false;
        }
        return run(KILL, "-0", "--", "-" + pgid);
    }

    private static boolean run(String... command) {
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
