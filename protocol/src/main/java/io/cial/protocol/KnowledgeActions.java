package io.cial.protocol;

/**
 * Area-to-area actions on {@link Addresses#KNOWLEDGE}. Their requests and replies are plain JSON objects (no principal
 * envelope); the gateway never forwards them, since they are not operations of the contract.
 *
 * <p>{@link #RESOLVE_FOR_TURN}: the knowledges a turn draws on, read from disk at the moment of the call. Request:
 *
 * <pre>{@code
 * {"userId": "owner", "names": ["docs", "cial-instance"], "text": "the prompt, which may say @docs"}
 * }</pre>
 *
 * {@code userId} is the turn's user (knowledges are instance-wide, so it selects nothing). {@code names} (optional)
 * are the knowledges named explicitly, e.g. in {@code turn.start}; every {@code @name} in {@code text} (optional) that
 * names an existing knowledge is added after them, in order of appearance, without duplicates. A mention of an
 * unknown name is ordinary text and is ignored, and so is {@code name@host}. Reply:
 *
 * <pre>{@code
 * {
 *   "knowledges": [
 *     {"name": "docs", "description": "…", "instructions": "…",
 *      "root": "/data/knowledge/knowledges/docs/files",     // absolute folder the engine may read
 *      "files": ["api/intro.md", "guide.md"],              // relative to root, sorted; capped, see "truncated"
 *      "truncated": false}
 *   ],
 *   "systemPrompt": "…"   // for the engine's appended system prompt: each knowledge's instructions and its files
 *                         // as absolute paths; "" when no knowledge applies
 * }
 * }</pre>
 *
 * Fails {@code not_found} (404) naming every explicit name that does not exist, and {@code validation_failed} (400)
 * when {@code names} is not a list of strings.
 */
public final class KnowledgeActions {

    public static final String RESOLVE_FOR_TURN = "knowledge.resolveForTurn";

    private KnowledgeActions() {}
}
