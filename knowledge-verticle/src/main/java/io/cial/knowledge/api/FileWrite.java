package io.cial.knowledge.api;

/**
 * The outcome of a streamed file write.
 *
 * @param created true when the file did not exist before (201), false when it was replaced (200)
 */
public record FileWrite(KnowledgeEntry entry, boolean created) {}
