package io.cial.knowledge.impl;

import io.cial.knowledge.KnowledgeConfig;
import io.cial.knowledge.api.Knowledge;
import io.cial.knowledge.api.KnowledgeService;
import io.cial.protocol.Contract;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The built-in, read-only knowledge that tells the agent about the instance it runs in, so that it can use the API
 * and work on the instance's own source. Its files are rewritten at every start from the running configuration and
 * the contract this build serves, so they never go stale.
 */
final class InstanceKnowledge {

    static final String DESCRIPTION =
            "This Cial instance: what it is, its API and CLI, where its source and data live.";
    static final String INSTRUCTIONS =
            "Use this knowledge when the user asks about this Cial instance itself, wants you to call its API"
                    + " or cial-cli, or to change the instance's own code. README.md explains what the instance is"
                    + " and where everything lives; openapi.json is the full OpenAPI 3.1 contract of its API.";

    private final KnowledgeConfig config;
    private final KnowledgeLayout layout;
    private final Instant startedAt = Instant.now();

    InstanceKnowledge(KnowledgeConfig config, KnowledgeLayout layout) {
        this.config = config;
        this.layout = layout;
    }

    /** Writes README.md and openapi.json. Blocking. */
    void writeFiles() {
        Path root = layout.builtInRoot();
        AtomicFiles.write(root.resolve("README.md"), readme().getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(
                root.resolve("openapi.json"), Contract.load().encodePrettily().getBytes(StandardCharsets.UTF_8));
    }

    /** The knowledge's metadata with its current usage. Blocking. */
    Knowledge describe() {
        TreeWalker.Usage usage = TreeWalker.usage(layout.builtInRoot());
        return new Knowledge(
                KnowledgeService.BUILT_IN,
                DESCRIPTION,
                INSTRUCTIONS,
                true,
                startedAt,
                startedAt,
                usage.files(),
                usage.bytes());
    }

    private String readme() {
        String source = config.sourceDir() == null ? "not known to this instance" : "`" + config.sourceDir() + "`";
        return """
                # This Cial instance

                Cial is one person's AI workspace. This instance is its server: a browser UI, the `cial-cli` command
                line and the coding agent (you) all talk to it through one HTTP + WebSocket API.

                ## API

                - REST under `/.cial/api/v1`, one WebSocket at `/.cial/api/ws` for everything live.
                - The contract is served at `/.cial/api/v1/openapi.json` (and `openapi.yaml`); `openapi.json` beside
                  this file is a copy of the contract this build serves.
                - During a turn your environment holds `CIAL_API_URL` (the API's base URL, ending in `/.cial/api`)
                  and `CIAL_TOKEN` (an agent token for this turn only). Example:
                  `curl -H "Authorization: Bearer $CIAL_TOKEN" "$CIAL_API_URL/v1/knowledges"`.
                - Errors are JSON `{"error": "...", "code": "..."}` with a stable code.

                ## cial-cli

                `cial-cli` covers every operation of the API, for example `cial-cli knowledges list`,
                `cial-cli skills list` and `cial-cli uploads list`. Run `cial-cli --help` for the rest.

                ## Where things live

                - Source tree of this instance: %s
                - Data directory: `%s`. Each area of the server keeps its own folder there (sessions, vault,
                  knowledge, uploads, ...); do not edit those folders by hand, use the API.
                - Knowledges: `%s/knowledges/<name>/files`, this one at `%s`.
                - Workspace (your working folder): `%s`.
                - Skills and slash commands: `.claude/skills/<name>/SKILL.md` and `.claude/commands/**/*.md` in the
                  workspace (project level) and in `%s` (user level).
                """
                .formatted(
                        source,
                        config.dataDir(),
                        config.storage(),
                        layout.builtInRoot(),
                        config.workspace(),
                        config.engineHome());
    }
}
