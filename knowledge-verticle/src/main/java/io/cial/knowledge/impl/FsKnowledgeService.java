package io.cial.knowledge.impl;

import io.cial.knowledge.KnowledgeConfig;
import io.cial.knowledge.api.Knowledge;
import io.cial.knowledge.api.KnowledgeService;
import io.cial.knowledge.api.KnowledgeTree;
import io.cial.knowledge.api.TurnContext;
import io.cial.knowledge.api.TurnKnowledge;
import io.cial.protocol.ApiException;
import io.cial.protocol.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Knowledges as folders under the area's storage (see {@link KnowledgeLayout}), with their metadata in a JSON file
 * that is replaced atomically. Every disk access runs on a worker.
 */
public final class FsKnowledgeService implements KnowledgeService {

    /** Files listed per knowledge in a turn's reply. */
    static final int TURN_FILES = 2000;

    /** {@code @name} not preceded by a word character or '@', so e-mail addresses are not mentions. */
    private static final Pattern MENTION = Pattern.compile("(?<![\\w@])@([A-Za-z0-9][A-Za-z0-9_-]{0,63})");

    private final Vertx vertx;
    private final KnowledgeLayout layout;
    private final InstanceKnowledge builtIn;

    private FsKnowledgeService(Vertx vertx, KnowledgeLayout layout, InstanceKnowledge builtIn) {
        this.vertx = vertx;
        this.layout = layout;
        this.builtIn = builtIn;
    }

    /** Creates the area's folders and writes the built-in knowledge's files, then serves from them. */
    public static Future<FsKnowledgeService> open(Vertx vertx, KnowledgeConfig config, KnowledgeLayout layout) {
        return vertx.executeBlocking(() -> {
            layout.init();
            InstanceKnowledge builtIn = new InstanceKnowledge(config, layout);
            builtIn.writeFiles();
            return new FsKnowledgeService(vertx, layout, builtIn);
        });
    }

    @Override
    public Future<List<Knowledge>> list() {
        return vertx.executeBlocking(() -> {
            List<Knowledge> all = new ArrayList<>();
            all.add(builtIn.describe());
            storedNames().forEach(name -> all.add(read(name)));
            return all;
        });
    }

    @Override
    public Future<Knowledge> get(String name) {
        return vertx.executeBlocking(() -> KnowledgeService.BUILT_IN.equals(name) ? builtIn.describe() : find(name));
    }

    @Override
    public Future<Knowledge> create(String name, String description, String instructions) {
        return vertx.executeBlocking(() -> {
            KnowledgeLayout.checkName(name);
            if (name.equals(KnowledgeService.BUILT_IN)) {
                throw ApiException.of(ErrorCode.CONFLICT, "the name '%s' belongs to the built-in knowledge", name);
            }
            // Built aside and renamed into place, so a knowledge is either complete or absent.
            Path draft = layout.knowledges().resolve(".cial-new-" + UUID.randomUUID());
            Files.createDirectories(draft.resolve(KnowledgeLayout.FILES));
            Instant now = Instant.now();
            writeMeta(draft.resolve(KnowledgeLayout.META_FILE), name, text(description), text(instructions), now, now);
            try {
                Files.move(draft, layout.folder(name));
            } catch (FileAlreadyExistsException e) {
                AtomicFiles.deleteTree(draft);
                throw ApiException.of(ErrorCode.CONFLICT, "a knowledge named '%s' exists", name);
            }
            return read(name);
        });
    }

    @Override
    public Future<Knowledge> update(String name, String description, String instructions) {
        return vertx.executeBlocking(() -> {
            Knowledge current = find(writable(name));
            writeMeta(
                    layout.meta(name),
                    name,
                    description == null ? current.description() : description,
                    instructions == null ? current.instructions() : instructions,
                    current.createdAt(),
                    Instant.now());
            return read(name);
        });
    }

    @Override
    public Future<Void> delete(String name) {
        return vertx.executeBlocking(() -> {
            find(writable(name));
            // Renaming first makes the knowledge vanish in one step, even if removing its files is interrupted.
            Path doomed = layout.knowledges().resolve(".cial-deleted-" + UUID.randomUUID());
            Files.move(layout.folder(name), doomed);
            AtomicFiles.deleteTree(doomed);
            return null;
        });
    }

    @Override
    public Future<TurnContext> resolveForTurn(List<String> names, String text) {
        return vertx.executeBlocking(() -> {
            Set<String> wanted = new LinkedHashSet<>();
            List<String> unknown = new ArrayList<>();
            for (String name : names) {
                (existsAny(name) ? wanted : unknown).add(name);
            }
            if (!unknown.isEmpty()) {
                throw ApiException.notFound("unknown knowledges: %s", String.join(", ", unknown));
            }
            wanted.addAll(mentions(text));
            List<TurnKnowledge> knowledges = wanted.stream().map(this::forTurn).toList();
            return new TurnContext(knowledges, TurnPrompt.render(knowledges));
        });
    }

    /** The existing knowledges {@code @mentioned} in {@code text}, in order. Blocking. */
    private List<String> mentions(String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = MENTION.matcher(text == null ? "" : text);
        while (matcher.find()) {
            String name = matcher.group(1).toLowerCase(Locale.ROOT);
            if (existsAny(name)) {
                found.add(name);
            }
        }
        return found;
    }

    private TurnKnowledge forTurn(String name) {
        Knowledge knowledge = name.equals(KnowledgeService.BUILT_IN) ? builtIn.describe() : read(name);
        Path root = layout.filesRoot(name);
        KnowledgeTree files = TreeWalker.files(root, TURN_FILES);
        List<String> paths = files.entries().stream().map(entry -> entry.path()).toList();
        return new TurnKnowledge(
                name, knowledge.description(), knowledge.instructions(), root, paths, files.truncated());
    }

    private boolean existsAny(String name) {
        return KnowledgeService.BUILT_IN.equals(name) || (name != null && layout.exists(name));
    }

    /** Refuses any change to the built-in knowledge. */
    static String writable(String name) {
        if (KnowledgeService.BUILT_IN.equals(name)) {
            throw ApiException.of(
                    ErrorCode.FORBIDDEN, "the knowledge '%s' is built in and read-only", KnowledgeService.BUILT_IN);
        }
        return name;
    }

    private Knowledge find(String name) {
        KnowledgeLayout.checkName(name);
        if (!layout.exists(name)) {
            throw ApiException.notFound("no knowledge named '%s'", name);
        }
        return read(name);
    }

    private List<String> storedNames() throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(layout.knowledges())) {
            for (Path folder : folders) {
                String name = folder.getFileName().toString();
                if (layout.exists(name)) {
                    names.add(name);
                }
            }
        }
        names.sort(null);
        return names;
    }

    private Knowledge read(String name) {
        try {
            JsonObject meta = new JsonObject(Files.readString(layout.meta(name), StandardCharsets.UTF_8));
            TreeWalker.Usage usage = TreeWalker.usage(layout.filesRoot(name));
            return new Knowledge(
                    name,
                    meta.getString("description", ""),
                    meta.getString("instructions", ""),
                    false,
                    Instant.parse(meta.getString("createdAt")),
                    Instant.parse(meta.getString("updatedAt")),
                    usage.files(),
                    usage.bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeMeta(
            Path file, String name, String description, String instructions, Instant created, Instant updated) {
        JsonObject meta = new JsonObject()
                .put("name", name)
                .put("description", description)
                .put("instructions", instructions)
                .put("createdAt", created.toString())
                .put("updatedAt", updated.toString());
        AtomicFiles.write(file, meta.encodePrettily().getBytes(StandardCharsets.UTF_8));
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
