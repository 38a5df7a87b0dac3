package io.cial.sessions.impl;

import io.cial.sessions.SessionsConfig;
import io.cial.sessions.engine.LogWatcher;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/** What every turn runner shares: the verticle's Vert.x and context, config, ledger, publisher and log watcher. */
record TurnDeps(
        Vertx vertx,
        Context context,
        SessionsConfig config,
        TurnLedger ledger,
        FramePublisher publisher,
        LogWatcher watcher) {}
