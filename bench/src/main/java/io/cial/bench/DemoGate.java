package io.cial.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The demo engines' start gate ({@code CIAL_DEMO_GATE}): while the gate file is missing, each demo engine writes its
 * init line and waits. Closing the gate, starting N turns, waiting until all N engines have written their init line
 * and opening it makes the N turns stream together, so the figures are not those of N JVMs starting at once.
 */
final class DemoGate {

    private final Path file;
    private final Path turnLogs;
    private Set<Path> known = new HashSet<>();

    DemoGate(Path data) {
        this.file = data.resolve("demo-gate");
        this.turnLogs = data.resolve("sessions").resolve("turns");
    }

    Path file() {
        return file;
    }

    void open() throws IOException {
        if (!Files.exists(file)) {
            Files.createFile(file);
        }
    }

    /** Closes the gate and remembers the turn logs that exist now, so the next wait counts only new ones. */
    void close() throws IOException {
        Files.deleteIfExists(file);
        known = logs();
    }

    /** Waits until {@code engines} new turn logs hold an init line, then opens; @return whether all were ready */
    boolean openWhenReady(int engines, long timeoutSeconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        boolean ready = false;
        while (!ready && System.nanoTime() < deadline) {
            Thread.sleep(20);
            ready = initialized() >= engines;
        }
        open();
        return ready;
    }

    private long initialized() throws IOException {
        long count = 0;
        for (Path log : logs()) {
            if (!known.contains(log) && Files.readString(log).contains("\"subtype\":\"init\"")) {
                count++;
            }
        }
        return count;
    }

    private Set<Path> logs() throws IOException {
        if (!Files.isDirectory(turnLogs)) {
            return new HashSet<>();
        }
        try (Stream<Path> files = Files.list(turnLogs)) {
            return new HashSet<>(
                    files.filter(p -> p.toString().endsWith(".log")).toList());
        }
    }
}
