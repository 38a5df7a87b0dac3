package io.cial.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Drives N concurrent demo turns through a real instance, one WebSocket client per turn, and prints the event latency
 * from the engine writing a line to the client receiving its frame (p50, p99, max), events lost or duplicated, and the
 * instance's heap after the run, beside a bare WebSocket push at the same pace as the baseline.
 *
 * <p>Usage: {@code TurnBench [--turns 1,10,100] [--delay-ms 20] [--timeout-s 600] [--instance-jvm "OPTIONS"]
 * [--keep-data true] [--engine-nice N] [--warmup-turns N]}. Before the reported rounds, one round of as many turns as
 * the warm-up option says (default: the largest round) warms both JVMs up. The engine-nice option sets the instance's
 * niceness for engines (its default, 10, when not given). Everything runs on 127.0.0.1 and stops by itself: a round
 * that has not finished after the timeout is reported as such. The data folder is deleted afterwards unless kept.
 */
public final class TurnBench {

    /**
     * At most this many {@code turn.start} requests wait for their answer at once: each spawns an engine JVM, and a
     * hundred spawned in the same instant on two cores exceed the gateway's bus timeout.
     */
    static final int MAX_STARTING = 10;

    /** A prompt with "slow" makes the demo engine answer at length (about 250 events). */
    static final String PROMPT = "slow benchmark turn";

    private final List<Integer> rounds;
    private final long delayMs;
    private final long timeoutSeconds;
    private final List<String> instanceJvm;
    private final boolean keepData;
    private final String engineNice;
    private final int warmupTurns;
    private DemoGate gate;

    private TurnBench(
            List<Integer> rounds,
            long delayMs,
            long timeoutSeconds,
            List<String> instanceJvm,
            boolean keepData,
            String engineNice,
            int warmupTurns) {
        this.rounds = rounds;
        this.delayMs = delayMs;
        this.timeoutSeconds = timeoutSeconds;
        this.instanceJvm = instanceJvm;
        this.keepData = keepData;
        this.engineNice = engineNice;
        this.warmupTurns = warmupTurns;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        List<Integer> rounds = Arrays.stream(
                        options.getOrDefault("turns", "1,10,100").split(","))
                .map(String::trim)
                .map(Integer::parseInt)
                .toList();
        TurnBench bench = new TurnBench(
                rounds,
                Long.parseLong(options.getOrDefault("delay-ms", "20")),
                Long.parseLong(options.getOrDefault("timeout-s", "600")),
                Arrays.stream(options.getOrDefault("instance-jvm", "").split(" "))
                        .filter(option -> !option.isBlank())
                        .toList(),
                Boolean.parseBoolean(options.getOrDefault("keep-data", "false")),
                options.get("engine-nice"),
                Integer.parseInt(options.getOrDefault(
                        "warmup-turns",
                        Integer.toString(rounds.stream().max(Integer::compare).orElse(1)))));
        int status = bench.run();
        System.exit(status);
    }

    private int run() throws Exception {
        Path data = Files.createTempDirectory("cial-bench-");
        Vertx vertx = Vertx.vertx();
        printHeader(data);
        gate = new DemoGate(data);
        gate.open();
        try (InstanceProcess instance = InstanceProcess.start(data, instanceEnv(), instanceJvm, 120)) {
            return measure(instance, vertx);
        } finally {
            vertx.close().await();
            if (keepData) {
                System.out.println("Data of this run (instance.log, per-turn logs): " + data);
            } else {
                deleteTree(data);
            }
        }
    }

    /** Runs every round in both modes, prints the table and the heap; @return 1 when anything was lost or failed */
    private int measure(InstanceProcess instance, Vertx vertx) throws Exception {
        WebClient http = WebClient.create(vertx);
        WebSocketClient sockets = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(1000));
        // Warm-up, not reported: class loading and the JIT work of both sides. A young JVM spends most of its CPU in
        // the compiler, and a server runs for days: what a user meets is the warmed-up instance.
        System.out.printf("Warm-up (not reported): one round of %d turns streaming together.%n%n", warmupTurns);
        round(instance, sockets, http, warmupTurns, true);
        System.out.println("| turns | engines | events | p50 ms | p99 ms | max ms | p99 once all streamed ms"
                + " | lost | duplicated | resubscribes | push p50 ms | push p99 ms | p50 ratio | p99 ratio | wall s"
                + " | instance CPU s | load avg |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        int status = 0;
        for (int turns : rounds) {
            for (boolean together : List.of(true, false)) {
                double cpuBefore = instance.cpuSeconds();
                Round round = round(instance, sockets, http, turns, together);
                double cpu = instance.cpuSeconds() - cpuBefore;
                Stats push = Stats.of(PushBaseline.run(vertx, turns, round.eventsPerTurn(), delayMs));
                System.out.printf("%s %.1f | %s |%n", round.row(push), cpu, loadAverage());
                status |= round.lost + round.duplicated + round.failed > 0 || !round.finished ? 1 : 0;
            }
        }
        System.out.printf(
                "%nInstance after the run: heap in use after a full GC %.1f MiB, resident set %.1f MiB%n",
                instance.heapAfterGc(http) / 1048576.0, instance.rssBytes() / 1048576.0);
        return status;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** The machine's one-minute load average: other work on the machine shows in every figure. */
    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    private Map<String, String> instanceEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
        env.put("HOME", System.getProperty("user.home"));
        env.put("CIAL_DEMO_DELAY_MS", Long.toString(delayMs));
        env.put("CIAL_DEMO_TIMESTAMPS", "1");
        env.put("CIAL_DEMO_GATE", gate.file().toString());
        env.put("CIAL_LOG_LEVEL", "WARN");
        if (engineNice != null) {
            env.put("CIAL_ENGINE_NICE", engineNice);
        }
        return env;
    }

    /**
     * One round of {@code turns} concurrent turns, each on its own new session and socket. {@code together}: the
     * engines wait at the gate until all have started, then stream together; else each streams as soon as its JVM is
     * up.
     */
    private Round round(InstanceProcess instance, WebSocketClient sockets, WebClient http, int turns, boolean together)
            throws Exception {
        if (together) {
            gate.close();
        }
        long started = System.nanoTime();
        List<TurnClient> clients = new ArrayList<>();
        List<Future<Void>> done = new ArrayList<>();
        Deque<Future<Void>> starting = new ArrayDeque<>();
        for (int i = 0; i < turns; i++) {
            if (starting.size() == MAX_STARTING) {
                awaitQuietly(starting.poll());
            }
            TurnClient client = new TurnClient();
            clients.add(client);
            client.start(sockets, instance.port(), PROMPT + " " + i);
            starting.add(client.started());
            done.add(client.done());
        }
        if (together && !gate.openWhenReady(turns, timeoutSeconds)) {
            System.out.println("not every engine reached the gate in time; opened it anyway");
        }
        boolean finished = awaitAll(done);
        double wallSeconds = (System.nanoTime() - started) / 1e9;
        Round round = Round.of(turns, together, clients, http, instance.port(), finished, wallSeconds);
        Future.all(clients.stream().map(TurnClient::close).toList()).await();
        return round;
    }

    private static void awaitQuietly(Future<Void> future) {
        try {
            future.await();
        } catch (Exception e) {
            // The turn failed to start; the round reports it among the failed turns.
        }
    }

    private boolean awaitAll(List<Future<Void>> done) {
        try {
            Future.join(done).timeout(timeoutSeconds, TimeUnit.SECONDS).await();
            return true;
        } catch (Exception e) {
            System.out.println("round did not finish: " + e.getMessage());
            return false;
        }
    }

    private void printHeader(Path data) {
        System.out.printf(
                "Cial turn benchmark: demo engine, %d ms between text deltas, engine niceness %s, %d cores, Java %s%n",
                delayMs,
                engineNice == null ? "default (10)" : engineNice,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        System.out.println("Latency: engine writes a stream-json line (wall clock stamped) -> client receives its"
                + " frame; push = bare WebSocket frames at the same pace to as many clients.");
        System.out.println("Engines: 'stream together' = the N demo JVMs start, wait at a gate, then stream at once;"
                + " 'start together' = each streams as soon as its JVM is up (N JVM start-ups share the CPU)."
                + " Turns are started back to back, at most " + MAX_STARTING + " starts awaiting their answer.");
        System.out.println("Instance data: " + data);
        System.out.println();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    /** What one round measured. */
    private record Round(
            int turns,
            boolean together,
            int events,
            Stats latency,
            Stats steady,
            int lost,
            int duplicated,
            int resubscribes,
            int failed,
            boolean finished,
            double wallSeconds) {

        static Round of(
                int turns,
                boolean together,
                List<TurnClient> clients,
                WebClient http,
                int port,
                boolean finished,
                double wall) {
            List<Long> all = new ArrayList<>();
            long allStreaming =
                    clients.stream().mapToLong(TurnClient::firstWritten).max().orElse(0);
            List<Long> steady = new ArrayList<>();
            int lost = 0;
            int duplicated = 0;
            int events = 0;
            int resubscribes = 0;
            int failed = 0;
            for (TurnClient client : clients) {
                failed += client.ok() ? 0 : 1;
                all.addAll(client.latencies(Long.MIN_VALUE));
                steady.addAll(client.latencies(allStreaming));
                int[] audit = client.audit(http, port).await();
                lost += audit[0];
                duplicated += audit[1];
                events += audit[2];
                resubscribes += client.resubscribes();
            }
            return new Round(
                    turns,
                    together,
                    events,
                    Stats.of(all),
                    Stats.of(steady),
                    lost,
                    duplicated,
                    resubscribes,
                    failed,
                    finished,
                    wall);
        }

        int eventsPerTurn() {
            return Math.max(1, events / turns);
        }

        String row(Stats push) {
            return String.format(
                    "| %d%s | %s | %d | %s | %s | %s | %s | %d | %d | %d | %s | %s | %s | %s | %.1f |",
                    turns,
                    failed == 0 ? "" : " (" + failed + " failed)",
                    together ? "stream together" : "start together",
                    events,
                    Stats.ms(latency.p50()),
                    Stats.ms(latency.p99()),
                    Stats.ms(latency.max()),
                    Stats.ms(steady.p99()),
                    lost,
                    duplicated,
                    resubscribes,
                    Stats.ms(push.p50()),
                    Stats.ms(push.p99()),
                    Stats.ratio(latency.p50(), push.p50()),
                    Stats.ratio(latency.p99(), push.p99()),
                    wallSeconds);
        }
    }
}
