package io.cial.selfedit.impl;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One deploy's log file, written line by line by the two threads that read the build's stdout and stderr, plus the
 * rolling windows the answer needs: the last {@value #SUMMARY_LINES} error lines and the last lines of all output.
 * Error lines are stderr lines and stdout lines Maven marks {@code [ERROR]}. Blocking: use from worker threads.
 */
final class BuildLog implements Closeable {

    static final int SUMMARY_LINES = 20;
    static final int TAIL_BYTES = 8 * 1024;

    private final BufferedWriter writer;
    private final Deque<String> errorLines = new ArrayDeque<>();
    private final Deque<String> lastLines = new ArrayDeque<>();

    BuildLog(Path file) {
        try {
            Files.createDirectories(file.getParent());
            writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create deploy log " + file, e);
        }
    }

    /** A line the server itself adds (the command, the exit code), kept out of the error summary. */
    synchronized void note(String line) {
        write("# " + line);
    }

    synchronized void line(String stream, String line) {
        write(line);
        keep(lastLines, line);
        if ("stderr".equals(stream) || line.startsWith("[ERROR]")) {
            keep(errorLines, line);
        }
    }

    /** The error lines, or for a failure without any, the last lines of output. */
    synchronized String errorSummary(boolean failed) {
        if (!failed) {
            return "";
        }
        return String.join("\n", errorLines.isEmpty() ? lastLines : errorLines);
    }

    @Override
    public synchronized void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the deploy log", e);
        }
    }

    /** The last {@value #TAIL_BYTES} bytes of {@code file}, starting at a line boundary; empty when it is missing. */
    static String tail(Path file) {
        if (!Files.exists(file)) {
            return "";
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long start = Math.max(0, in.length() - TAIL_BYTES);
            byte[] bytes = new byte[(int) (in.length() - start)];
            in.seek(start);
            in.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            int newline = text.indexOf('\n');
            return start == 0 || newline < 0 ? text : text.substring(newline + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read deploy log " + file, e);
        }
    }

    private void write(String line) {
        try {
            writer.write(line);
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the deploy log", e);
        }
    }

    private static void keep(Deque<String> window, String line) {
        window.addLast(line);
        if (window.size() > SUMMARY_LINES) {
            window.removeFirst();
        }
    }
}
