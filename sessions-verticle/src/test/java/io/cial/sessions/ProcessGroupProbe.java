package io.cial.sessions;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Looks at processes through /proc: the members of a process group, and a process's environment. */
final class ProcessGroupProbe {

    private ProcessGroupProbe() {}

    /** The live (non-zombie) pids whose process group is {@code pgid}, after giving them a moment to go. */
    static List<Long> members(long pgid) throws Exception {
        List<Long> found = List.of();
        for (int attempt = 0; attempt < 50; attempt++) {
            found = scan(pgid);
            if (found.isEmpty()) {
                return found;
            }
            Thread.sleep(100);
        }
        return found;
    }

    private static List<Long> scan(long pgid) throws Exception {
        List<Long> out = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .toList()) {
                try {
                    String stat = Files.readString(proc.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    if (!"Z".equals(fields[0]) && Long.parseLong(fields[2]) == pgid) {
                        out.add(Long.parseLong(proc.getFileName().toString()));
                    }
                } catch (java.io.IOException gone) {
                    // the process ended while scanning
                }
            }
        }
        return out;
    }

    static Map<String, String> environment(long pid) throws Exception {
        String raw =
                new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ")), StandardCharsets.UTF_8);
        Map<String, String> env = new HashMap<>();
        for (String entry : raw.split("\0")) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                env.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        return env;
    }
}
