package io.cial.knowledge.impl;

import io.cial.knowledge.api.TurnKnowledge;
import java.util.List;

/** Renders the appended system prompt that hands a turn's knowledges to the engine. */
final class TurnPrompt {

    /** Files listed per knowledge in the prompt; the engine can list the folder for the rest. */
    static final int LISTED_FILES = 200;

    private TurnPrompt() {}

    static String render(List<TurnKnowledge> knowledges) {
        if (knowledges.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder()
                .append("# Knowledges for this turn\n\n")
                .append("The user gave you the knowledge bases below. Each one's instructions say what it holds and")
                .append(" when to use it. Its files are on disk at the absolute paths listed: read the ones that help")
                .append(" with the request. They hold current content, so read a file again rather than relying on")
                .append(" an earlier turn.\n");
        knowledges.forEach(knowledge -> section(out, knowledge));
        return out.toString();
    }

    private static void section(StringBuilder out, TurnKnowledge knowledge) {
        out.append("\n## Knowledge: ").append(knowledge.name()).append('\n');
        if (!knowledge.description().isBlank()) {
            out.append('\n').append(knowledge.description().strip()).append('\n');
        }
        if (!knowledge.instructions().isBlank()) {
            out.append("\nInstructions:\n")
                    .append(knowledge.instructions().strip())
                    .append('\n');
        }
        out.append("\nFiles (folder ").append(knowledge.root()).append("):\n");
        List<String> files = knowledge.files();
        files.stream().limit(LISTED_FILES).forEach(file -> out.append("- ")
                .append(knowledge.root().resolve(file))
                .append('\n'));
        if (files.isEmpty()) {
            out.append("- (no files yet)\n");
        }
        if (files.size() > LISTED_FILES || knowledge.truncated()) {
            out.append("- ... more files: list ").append(knowledge.root()).append(" to see them all\n");
        }
    }
}
