package io.cial.sessions.engine;

import io.vertx.core.Context;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the turn-log folder (inotify on Linux) and wakes the tailer of each file that changed, on the tailer's
 * context, for low-latency streaming. It is an accelerator only: owners also poll their tailers, so a missed or
 * coalesced notification costs latency, never data. One daemon thread blocks on the watch service.
 */
public final class LogWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LogWatcher.class);

    private final WatchService service;
    private final Map<Path, Runnable> listeners = new ConcurrentHashMap<>();
    private final Context context;

    private LogWatcher(WatchService service, Context context) {
        this.service = service;
        this.context = context;
    }

    /** Starts watching {@code dir} (which must exist). Blocking: call on a worker. */
    public static LogWatcher start(Path dir, Context context) throws IOException {
        WatchService service = FileSystems.getDefault().newWatchService();
        dir.register(service, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_CREATE);
        LogWatcher watcher = new LogWatcher(service, context);
        Thread thread = new Thread(watcher::loop, "cial-sessions-log-watcher");
        thread.setDaemon(true);
        thread.start();
        return watcher;
    }

    /** Calls {@code onChange} on the context whenever the file named {@code fileName} in the folder changes. */
    public void listen(Path fileName, Runnable onChange) {
        listeners.put(fileName, onChange);
    }

    public void forget(Path fileName) {
        listeners.remove(fileName);
    }

    private void loop() {
        try {
            while (true) {
                WatchKey key = service.take();
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                        // Notifications were dropped: any file may have grown.
                        listeners.values().forEach(listener -> context.runOnContext(v -> listener.run()));
                        continue;
                    }
                    Runnable listener = event.context() instanceof Path name ? listeners.get(name) : null;
                    if (listener != null) {
                        context.runOnContext(v -> listener.run());
                    }
                }
                key.reset();
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            LOG.debug("[sessions] log watcher stopped");
        }
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            LOG.warn("[sessions] closing the log watcher failed: {}", e.toString());
        }
    }
}
