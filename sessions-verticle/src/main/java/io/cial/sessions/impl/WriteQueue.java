package io.cial.sessions.impl;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.function.Supplier;

/**
 * Runs asynchronous write transactions one at a time, in submission order. SQLite admits one writer and makes the
 * others wait in a sleeping busy handler (naps of 1 to 100 ms), so writers of one process that race for the lock
 * lose tens of milliseconds each under load; queued here, each begins the moment the previous one has committed.
 */
final class WriteQueue {

    private Future<?> tail = Future.succeededFuture();

    /** Runs {@code task} once every task submitted before it has completed; its outcome is the result. */
    synchronized <T> Future<T> submit(Supplier<Future<T>> task) {
        Promise<T> result = Promise.promise();
        Future<?> previous = tail;
        tail = result.future().otherwiseEmpty();
        previous.onComplete(ignored -> start(task).onComplete(result));
        return result.future();
    }

    private static <T> Future<T> start(Supplier<Future<T>> task) {
        try {
            return task.get();
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }
}
