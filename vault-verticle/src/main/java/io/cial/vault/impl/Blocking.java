package io.cial.vault.impl;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;

/** Runs crypto and file work on a worker, unordered, so concurrent requests do not queue behind one another. */
final class Blocking {

    private Blocking() {}

    static <T> Future<T> run(Vertx vertx, Callable<T> work) {
        return vertx.executeBlocking(work, false);
    }
}
