package io.cial.sessions.engine;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What one turn draws on, resolved from the other areas before its engine starts: the model credential and the tools
 * from the vault, the knowledges' prompt and folders, and the attached uploads. It holds secrets (the credential, env
 * tool values, MCP env and headers): {@link #toString} names none of them, and nothing may log its parts.
 *
 * @param credentialEnv the provider's credential variables (e.g. ANTHROPIC_API_KEY, ANTHROPIC_BASE_URL)
 * @param toolEnv the enabled env tools, name to value
 * @param mcpServers the {@code mcpServers} object of a Claude Code {@code --mcp-config} file; empty for none
 * @param notes the enabled markdown tools, in name order
 * @param knowledgePrompt the knowledges' instructions and file listings for the system prompt; empty for none
 * @param knowledgeRoots the absolute folders of the selected knowledges, which the engine may read
 * @param attachments the uploads attached to this turn's message, in the order given
 */
public record TurnContext(
        Map<String, String> credentialEnv,
        Map<String, String> toolEnv,
        JsonObject mcpServers,
        List<Note> notes,
        String knowledgePrompt,
        List<Path> knowledgeRoots,
        List<Attachment> attachments) {

    /** A turn with nothing from the other areas: the demo engine's, or a test's. */
    public static final TurnContext EMPTY =
            new TurnContext(Map.of(), Map.of(), new JsonObject(), List.of(), "", List.of(), List.of());

    public TurnContext {
        credentialEnv = Map.copyOf(credentialEnv);
        toolEnv = Map.copyOf(toolEnv);
        mcpServers = mcpServers.copy();
        notes = List.copyOf(notes);
        knowledgePrompt = knowledgePrompt == null ? "" : knowledgePrompt;
        knowledgeRoots = List.copyOf(knowledgeRoots);
        attachments = List.copyOf(attachments);
    }

    /** The attachments as the user message records them: id, name, contentType, size (no server path). */
    public JsonArray attachmentsJson() {
        JsonArray out = new JsonArray();
        attachments.forEach(a -> out.add(a.toMessageJson()));
        return out;
    }

    /** Names and counts only: the parts hold secrets. */
    @Override
    public String toString() {
        return "TurnContext[credential=" + credentialEnv.keySet() + ", envTools=" + toolEnv.size() + ", mcpServers="
                + mcpServers.fieldNames() + ", notes=" + notes.size() + ", knowledgeRoots=" + knowledgeRoots.size()
                + ", attachments=" + attachments.size() + "]";
    }

    /** A markdown tool: a named document the agent receives in its system prompt. */
    public record Note(String name, String text) {}

    /**
     * One attached upload.
     *
     * @param path the absolute path of the stored file, which the engine reads
     */
    public record Attachment(String id, String name, String contentType, long size, Path path) {

        JsonObject toMessageJson() {
            return new JsonObject()
                    .put("id", id)
                    .put("name", name)
                    .put("contentType", contentType)
                    .put("size", size);
        }
    }
}
