package io.cial.sessions.impl;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns what a user typed into an FTS5 query that is always valid: every word becomes a quoted phrase, so FTS5
 * operators and punctuation ({@code AND}, {@code NEAR}, {@code text:}, {@code (}, a lone quote) are searched as plain
 * text, never parsed. Text in double quotes is one phrase; a word ending in {@code *} matches as a prefix. All terms
 * must match. Terms without a letter or digit match nothing in the index and are dropped.
 */
record SearchQuery(List<String> terms) {

    /** More terms than this are ignored: a longer query narrows nothing in practice and costs index lookups. */
    static final int MAX_TERMS = 32;

    /** Parses the user's text; the result may have no terms (nothing searchable). */
    static SearchQuery parse(String text) {
        List<String> terms = new ArrayList<>();
        int i = 0;
        while (i < text.length() && terms.size() < MAX_TERMS) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"') {
                int close = text.indexOf('"', i + 1);
                int end = close < 0 ? text.length() : close;
                add(terms, text.substring(i + 1, end), false);
                i = end + 1;
            } else {
                int end = i;
                while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != '"') {
                    end++;
                }
                String word = text.substring(i, end);
                boolean prefix = word.endsWith("*");
                add(terms, prefix ? word.replaceAll("\\*+$", "") : word, prefix);
                i = end;
            }
        }
        return new SearchQuery(List.copyOf(terms));
    }

    private static void add(List<String> terms, String words, boolean prefix) {
        if (words.codePoints().noneMatch(Character::isLetterOrDigit)) {
            return;
        }
        terms.add('"' + words.replace("\"", "\"\"") + '"' + (prefix ? "*" : ""));
    }

    boolean isEmpty() {
        return terms.isEmpty();
    }

    /** The FTS5 MATCH expression: the phrases joined by implicit AND. */
    String match() {
        return String.join(" ", terms);
    }
}
