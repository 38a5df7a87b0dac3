package io.cial.system.impl;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;

/**
 * Samples the machine's CPU and memory (OSHI), the JVM heap and the data volume on a worker thread, and serves one
 * sample to every caller for {@link SystemConfig#metricsCacheMs()}, so a burst of scrapes costs one reading.
 *
 * <p>CPU load is measured between the ticks of two samples rather than over a sleeping window, so no thread waits.
 * Every method runs on the verticle's event loop; the OSHI state is only touched inside ordered blocking tasks.
 */
public final class ResourceSampler {

    private final Vertx vertx;
    private final Path dataDir;
    private final long cacheMs;

    private CentralProcessor processor;
    private GlobalMemory memory;
    private long[] previousTicks;
    private Future<JsonObject> cached;
    private long cachedAtMs;

    public ResourceSampler(Vertx vertx, Path dataDir, long cacheMs) {
        this.vertx = vertx;
        this.dataDir = dataDir;
        this.cacheMs = cacheMs;
    }

    /** Loads OSHI (about 150 ms the first time) and takes the first CPU ticks, off the event loop. */
    public Future<Void> start() {
        return vertx.executeBlocking(
                () -> {
                    SystemInfo info = new SystemInfo();
                    processor = info.getHardware().getProcessor();
                    memory = info.getHardware().getMemory();
                    previousTicks = processor.getSystemCpuLoadTicks();
                    return null;
                },
                true);
    }

    /** The current sample, taken now or at most {@code cacheMs} ago. */
    public Future<JsonObject> sample() {
        long now = System.currentTimeMillis();
        if (cached != null && now - cachedAtMs < cacheMs) {
            return cached;
        }
        cachedAtMs = now;
        cached = vertx.executeBlocking(this::read, true);
        cached.onFailure(e -> cached = null);
        return cached;
    }

    private JsonObject read() {
        return new JsonObject()
                .put("sampledAt", Instant.now().toString())
                .put("cpu", cpu())
                .put("memory", memoryFigures())
                .put("jvm", jvm())
                .put("disk", disk());
    }

    private JsonObject cpu() {
        long[] ticks = processor.getSystemCpuLoadTicks();
        double load = processor.getSystemCpuLoadBetweenTicks(previousTicks);
        previousTicks = ticks;
        JsonArray average = new JsonArray();
        for (double value : processor.getSystemLoadAverage(3)) {
            average.add(value);
        }
        return new JsonObject()
                .put("cores", processor.getLogicalProcessorCount())
                .put("systemLoad", Double.isNaN(load) ? 0.0 : load)
                .put("loadAverage", average);
    }

    private JsonObject memoryFigures() {
        long total = memory.getTotal();
        long available = memory.getAvailable();
        return new JsonObject()
                .put("totalBytes", total)
                .put("availableBytes", available)
                .put("usedBytes", total - available);
    }

    private static JsonObject jvm() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return new JsonObject()
                .put("heapUsedBytes", heap.getUsed())
                .put("heapCommittedBytes", heap.getCommitted())
                .put("heapMaxBytes", heap.getMax());
    }

    private JsonObject disk() {
        try {
            FileStore store = Files.getFileStore(dataDir);
            long total = store.getTotalSpace();
            return new JsonObject()
                    .put("path", dataDir.toString())
                    .put("totalBytes", total)
                    .put("usedBytes", total - store.getUnallocatedSpace())
                    .put("freeBytes", store.getUsableSpace());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the volume of " + dataDir, e);
        }
    }
}
