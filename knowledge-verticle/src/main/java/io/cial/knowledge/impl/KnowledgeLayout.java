package io.cial.knowledge.impl;

import io.cial.knowledge.api.KnowledgeService;
import io.cial.protocol.ApiException;
import io.cial.protocol.ErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where the knowledge area keeps things under its folder:
 *
 * <pre>
 * knowledges/&lt;name&gt;/knowledge.json   name, description, instructions, timestamps
 * knowledges/&lt;name&gt;/files/           the knowledge's tree, the only place callers' paths reach
 * builtin/cial-instance/             the built-in knowledge's files, rewritten at every start
 * </pre>
 */
public final class KnowledgeLayout {

    /** Knowledge names: lower case so that no two differ only by case, and no '.' so "@name." ends a mention. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    static final String META_FILE = "knowledge.json";
    static final String FILES = "files";

    private final Path storage;
    private Path realStorage;

    public KnowledgeLayout(Path storage) {
        this.storage = storage;
    }

    /** Creates the folders and fixes their real path. Blocking. */
    public void init() {
        try {
            Files.createDirectories(storage.resolve("knowledges"));
            Files.createDirectories(storage.resolve("builtin").resolve(KnowledgeService.BUILT_IN));
            realStorage = storage.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path knowledges() {
        return realStorage.resolve("knowledges");
    }

    Path folder(String name) {
        return knowledges().resolve(name);
    }

    Path meta(String name) {
        return folder(name).resolve(META_FILE);
    }

    /** The root of a knowledge's files: the only folder its callers' paths may reach. */
    Path filesRoot(String name) {
        return name.equals(KnowledgeService.BUILT_IN)
                ? builtInRoot()
                : folder(name).resolve(FILES);
    }

    Path builtInRoot() {
        return realStorage.resolve("builtin").resolve(KnowledgeService.BUILT_IN);
    }

    /** Checks the form of a name given by a caller. */
    static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ApiException.of(
                    ErrorCode.VALIDATION_FAILED,
                    "knowledge name must be 1-64 characters of a-z, 0-9, '-' and '_', starting with a letter or digit");
        }
        return name;
    }

    /** Whether a stored knowledge (not the built-in one) exists. Blocking. */
    boolean exists(String name) {
        return NAME.matcher(name).matches() && Files.isRegularFile(meta(name));
    }
}
