package io.cial.sessions.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A process identified by its pid and its start time (the kernel's {@code starttime} from {@code /proc/<pid>/stat}, in
 * clock ticks since boot), so a pid reused by another process after a restart is never mistaken for the engine. Reads
 * {@code /proc}: blocking, call on a worker.
 */
public record ProcessIdentity(long pid, long startTicks) {

    /** The identity of a live process, or empty when it does not exist. */
    public static Optional<ProcessIdentity> of(long pid) {
        OptionalLong start = startTicks(pid);
        return start.isPresent() ? Optional.of(new ProcessIdentity(pid, start.getAsLong())) : Optional.empty();
    }

    /** Whether this very process still runs (not exited, not a zombie, pid not reused). */
    public boolean isAlive() {
        String[] fields = statFields(pid);
        return fields != null && !"Z".equals(fields[0]) && Long.parseLong(fields[19]) == startTicks;
    }

    static OptionalLong startTicks(long pid) {
        String[] fields = statFields(pid);
        return fields == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(fields[19]));
    }

    /**
     * The fields of /proc/pid/stat after the command name: [0] is the state, [3] the session id, [16] the niceness,
     * [19] the start time; null when the process does not exist.
     */
    static String[] statFields(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
