package io.cial.knowledge.api;

import io.vertx.core.Future;
import java.util.List;

/**
 * The instance-wide knowledge bases and what a turn draws from them. Failures are {@link io.cial.protocol.ApiException
 * ApiExceptions}: {@code not_found} (404) for an unknown name, {@code validation_failed} (400) for a bad name or
 * field, {@code conflict} (409) when creating a name that exists, {@code forbidden} (403) when changing the built-in
 * knowledge.
 */
public interface KnowledgeService {

    /** The name of the built-in, read-only knowledge that describes the instance itself. It always exists. */
    String BUILT_IN = "cial-instance";

    /** Every knowledge, the built-in one first, then by name. */
    Future<List<Knowledge>> list();

    Future<Knowledge> get(String name);

    Future<Knowledge> create(String name, String description, String instructions);

    /** Changes the description and/or instructions; a null argument keeps the stored value. */
    Future<Knowledge> update(String name, String description, String instructions);

    /** Deletes the knowledge with all its files. */
    Future<Void> delete(String name);

    /**
     * The knowledges named explicitly plus those {@code @mentioned} in {@code text}, read from disk now.
     *
     * @param names explicit names, each of which must exist (404 naming the unknown ones)
     * @param text the prompt; a mention of an unknown name is ignored
     */
    Future<TurnContext> resolveForTurn(List<String> names, String text);
}
