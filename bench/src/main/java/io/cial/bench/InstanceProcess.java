package io.cial.bench;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A real Cial instance in its own JVM ({@code io.cial.gateway.Main} on this classpath), listening on a free port of
 * 127.0.0.1 with its data in a folder of the benchmark's. Its stderr goes to {@code instance.log} in that folder.
 */
final class InstanceProcess implements AutoCloseable {

    private static final Pattern BANNER = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/");

    private final Process process;
    private final int port;

    private InstanceProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the instance and waits for its banner; fails after {@code timeoutSeconds}. */
    static InstanceProcess start(Path data, Map<String, String> env, List<String> jvmOptions, long timeoutSeconds)
            throws Exception {
        Files.createDirectories(data);
        List<String> command = new ArrayList<>(List.of(javaBin("java")));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", absoluteClassPath()));
        command.addAll(List.of("io.cial.gateway.Main", "--host", "127.0.0.1", "--port", "0", "--self-port", "0"));
        command.addAll(List.of("--data", data.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(data.resolve("instance.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> readBanner(process, port), "bench-instance-stdout");
        reader.setDaemon(true);
        reader.start();
        try {
            return new InstanceProcess(process, port.get(timeoutSeconds, TimeUnit.SECONDS));
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("the instance did not start; see " + data.resolve("instance.log"), e);
        }
    }

    private static void readBanner(Process process, CompletableFuture<Integer> port) {
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                Matcher m = BANNER.matcher(line);
                if (m.find()) {
                    port.complete(Integer.parseInt(m.group(1)));
                }
            }
            port.completeExceptionally(new IllegalStateException("the instance exited"));
        } catch (IOException e) {
            port.completeExceptionally(e);
        }
    }

    int port() {
        return port;
    }

    /** Heap in use after a full collection (requested with jcmd), as the instance's Prometheus scrape reports it. */
    long heapAfterGc(WebClient http) throws Exception {
        Process gc = new ProcessBuilder(javaBin("jcmd"), Long.toString(process.pid()), "GC.run")
                .redirectErrorStream(true)
                .start();
        gc.getInputStream().readAllBytes();
        gc.waitFor(60, TimeUnit.SECONDS);
        HttpResponse<Buffer> scrape =
                http.get(port, "127.0.0.1", "/metrics").send().await();
        return scrape.bodyAsString()
                .lines()
                .filter(line -> line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\""))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** The resident set size of the instance process, from /proc. */
    long rssBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        return -1;
    }

    /** The instance's engines run in its workspace, so every class path entry must be absolute. */
    private static String absoluteClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** CPU time the instance process has used so far (user plus system), in seconds, from /proc. */
    double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // Fields 14 and 15 of /proc/PID/stat (utime, stime), counted here from field 3, in clock ticks of 1/100 s.
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    private static String javaBin(String tool) {
        return Path.of(System.getProperty("java.home"), "bin", tool).toString();
    }

    /** Stops the instance (SIGTERM, then SIGKILL after 20 s). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
