package io.cial.cli.commands;

import io.cial.cli.CliException;
import io.cial.cli.CliRuntime;
import io.cial.cli.http.ApiReply;
import io.cial.cli.output.Output;
import io.cial.cli.ws.EventSocket;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code cial-cli self deploy}: builds the instance's source and restarts into it, answering when both are done. The
 * build's output lines, published as {@code deploy.log} frames to the owner's sockets, are shown on stderr while it
 * runs (best effort: without the WebSocket the deploy still runs). Exits 0 when the deploy is ok, else 1.
 */
@Command(
        name = "deploy",
        mixinStandardHelpOptions = true,
        description = "Build the instance's source and restart into it; the build log streams to stderr.")
final class SelfDeployCommand implements Callable<Integer> {

    @ParentCommand
    SelfCommand self;

    @Option(names = "--no-log", description = "Do not stream the build's output.")
    boolean noLog;

    @Override
    public Integer call() throws InterruptedException {
        CliRuntime rt = self.root.runtime();
        Output out = rt.output();
        BlockingQueue<EventSocket.Signal> frames = new LinkedBlockingQueue<>();
        EventSocket socket = noLog ? null : openLogSocket(rt, frames);
        try {
            Future<ApiReply> pending = rt.op("deploySelf").sendAsync();
            while (!pending.isComplete()) {
                printLog(out, frames.poll(200, TimeUnit.MILLISECONDS));
            }
            return finish(out, pending.await());
        } finally {
            if (socket != null) {
                socket.close().await();
            }
        }
    }

    private static EventSocket openLogSocket(CliRuntime rt, BlockingQueue<EventSocket.Signal> frames) {
        EventSocket socket =
                rt.socket(new EventSocket.Options(EventSocket.Options.DEFAULT_PING_INTERVAL_MS, 0), frames::add);
        try {
            socket.connect().await();
            return socket;
        } catch (CliException e) {
            rt.output().note("cial-cli: no build log (" + e.getMessage() + "); the deploy runs anyway");
            return null;
        }
    }

    private static void printLog(Output out, EventSocket.Signal signal) {
        if (signal instanceof EventSocket.Frame f
                && "deploy.log".equals(f.frame().getString("type"))) {
            out.note(f.frame().getString("line", ""));
        }
    }

    private static int finish(Output out, ApiReply reply) {
        Object body = reply.isJson() ? reply.decode() : null;
        if (!(body instanceof JsonObject deploy) || !deploy.containsKey("deployId")) {
            throw reply.failure();
        }
        SelfCommand.printDeploy(out, deploy, false);
        if (!deploy.getBoolean("ok", false)) {
            throw SelfCommand.deployFailed(deploy);
        }
        return CliException.OK;
    }
}
