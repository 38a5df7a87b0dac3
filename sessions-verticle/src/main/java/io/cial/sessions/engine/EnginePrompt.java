package io.cial.sessions.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The text appended to the engine's system prompt for one turn: the vault's markdown tools, the selected knowledges
 * (their instructions and file listings, as the knowledge area wrote them), the files attached to the message with
 * the absolute paths the engine reads them from, and, when the instance's {@code cial-cli} is on the engine's PATH, how
 * to call the instance's API. Empty when there is nothing to add.
 */
public final class EnginePrompt {

    static final String CLI_HINT = "The `cial-cli` command on your PATH calls this Cial instance's API as the user who"
            + " started this turn (CIAL_API_URL and CIAL_TOKEN are set for it; the token ends with the turn)."
            + " Run `cial-cli --help` to see what it can do.";

    private EnginePrompt() {}

    public static String build(TurnContext context, boolean cliAvailable) {
        List<String> sections = new ArrayList<>();
        if (!context.notes().isEmpty()) {
            sections.add(notes(context.notes()));
        }
        if (!context.knowledgePrompt().isBlank()) {
            sections.add("# Knowledges\n\n" + context.knowledgePrompt().strip());
        }
        if (!context.attachments().isEmpty()) {
            sections.add(attachments(context.attachments()));
        }
        if (cliAvailable) {
            sections.add("# This instance's API\n\n" + CLI_HINT);
        }
        return String.join("\n\n", sections);
    }

    private static String notes(List<TurnContext.Note> notes) {
        StringBuilder out = new StringBuilder("# Notes from the user's vault");
        for (TurnContext.Note note : notes) {
            out.append("\n\n## ")
                    .append(note.name())
                    .append("\n\n")
                    .append(note.text().strip());
        }
        return out.toString();
    }

    private static String attachments(List<TurnContext.Attachment> attachments) {
        StringBuilder out = new StringBuilder(
                "# Attached files\n\nThe user attached these files to this message; read them at these paths:");
        for (TurnContext.Attachment a : attachments) {
            out.append("\n- ")
                    .append(oneLine(a.name()))
                    .append(" (")
                    .append(a.contentType())
                    .append(", ")
                    .append(a.size())
                    .append(" bytes): ")
                    .append(a.path());
        }
        return out.toString();
    }

    /** A user-given name on one line, so it cannot start a section of its own. */
    private static String oneLine(String text) {
        return text.replaceAll("\\p{Cntrl}", " ");
    }
}
