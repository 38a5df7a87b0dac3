package io.cial.selfedit.impl;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the configured build command in the source tree as a child process, off the event loop: both output streams
 * are read line by line into the deploy log and handed to a listener (which publishes {@code deploy.log} frames); a
 * build that outlives the timeout is killed with its descendants.
 */
final class BuildRunner {

    /** Receives each output line; called from worker threads, so it must be thread-safe (a bus publish is). */
    interface LineListener {
        void line(String stream, String line);
    }

    /**
     * What a finished build left.
     *
     * @param exitCode the command's exit code, -1 when it was killed
     * @param errorSummary the last error lines (empty on success)
     * @param logTail the last 8 KB of the log
     */
    record Outcome(int exitCode, String errorSummary, String logTail) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    private final Vertx vertx;
    private final WorkerExecutor workers;
    private final SelfEditConfig config;

    BuildRunner(Vertx vertx, WorkerExecutor workers, SelfEditConfig config) {
        this.vertx = vertx;
        this.workers = workers;
        this.config = config;
    }

    Future<Outcome> run(Path logFile, LineListener listener) {
        return workers.executeBlocking(() -> start(logFile), false).compose(started -> watch(started, listener)
                .compose(exit -> finish(exit, started.log(), logFile))
                .onFailure(e -> started.log().close()));
    }

    private record Started(BuildLog log, Process process, AtomicBoolean killed) {}

    private Started start(Path logFile) {
        BuildLog log = new BuildLog(logFile);
        log.note("$ " + config.buildCommand() + "   (in " + config.sourceDir() + ")");
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", config.buildCommand())
                .directory(config.sourceDir().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        try {
            return new Started(log, builder.start(), new AtomicBoolean());
        } catch (IOException e) {
            log.close();
            throw new UncheckedIOException("cannot start the build command", e);
        }
    }

    private Future<Integer> watch(Started started, LineListener listener) {
        Process process = started.process();
        long timer = vertx.setTimer(config.buildTimeoutMs(), id -> kill(process, started.killed()));
        // Unordered: the two readers must run at once, or a full stderr pipe would stall the build.
        Future<Void> out =
                workers.executeBlocking(() -> pump(process.getInputStream(), "stdout", started.log(), listener), false);
        Future<Void> err =
                workers.executeBlocking(() -> pump(process.getErrorStream(), "stderr", started.log(), listener), false);
        return Future.join(out, err)
                .transform(read -> Future.fromCompletionStage(process.onExit(), vertx.getOrCreateContext()))
                .map(exited -> {
                    vertx.cancelTimer(timer);
                    return started.killed().get() ? -1 : exited.exitValue();
                });
    }

    private static Void pump(InputStream stream, String name, BuildLog log, LineListener listener) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                log.line(name, line);
                listener.line(name, line);
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the build's " + name, e);
        }
    }

    private static void kill(Process process, AtomicBoolean killed) {
        killed.set(true);
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private Future<Outcome> finish(int exitCode, BuildLog log, Path logFile) {
        return workers.executeBlocking(
                () -> {
                    if (exitCode == -1) {
                        log.line("stderr", "build killed after the timeout of " + config.buildTimeoutMs() + " ms");
                    }
                    log.note("exit code " + exitCode);
                    String summary = log.errorSummary(exitCode != 0);
                    log.close();
                    return new Outcome(exitCode, summary, BuildLog.tail(logFile));
                },
                false);
    }
}
