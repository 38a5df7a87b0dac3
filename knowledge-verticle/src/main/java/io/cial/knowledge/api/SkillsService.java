package io.cial.knowledge.api;

import io.vertx.core.Future;
import java.util.List;

/**
 * The catalog of the instance's Claude Code skills and slash commands, read from the workspace's and the engine
 * HOME's {@code .claude} folders as they are on disk at each call. A file that cannot be parsed is listed with a
 * warning; it never fails the catalog.
 */
public interface SkillsService {

    /** Every entry, commands before skills, then by name in code-point order, then project before user, then path. */
    Future<List<SkillEntry>> list();
}
