package io.cial.knowledge.api;

import io.vertx.core.file.AsyncFile;

/**
 * An open file of a knowledge, ready to stream; whoever serves it closes it.
 *
 * @param fileName the last segment of its path, for Content-Disposition
 */
public record FileDownload(AsyncFile file, String fileName, long size) {}
