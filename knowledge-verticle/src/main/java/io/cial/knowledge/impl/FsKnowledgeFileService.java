package io.cial.knowledge.impl;

import io.cial.knowledge.KnowledgeConfig;
import io.cial.knowledge.api.FileDownload;
import io.cial.knowledge.api.FileWrite;
import io.cial.knowledge.api.KnowledgeEntry;
import io.cial.knowledge.api.KnowledgeFileService;
import io.cial.knowledge.api.KnowledgeService;
import io.cial.knowledge.api.KnowledgeTree;
import io.cial.protocol.ApiException;
import io.cial.protocol.BusStreams;
import io.cial.protocol.ErrorCode;
import io.cial.protocol.SafePaths;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * The files of each knowledge, every path checked by {@link SafePaths} and {@link TreeWalker}'s rules. Writes stream
 * into a temporary file beside the target and replace it atomically once complete, so a failed or oversized write
 * leaves nothing behind. The per-knowledge limit counts finished files and the temporary files of writes in progress
 * when a write starts, so two writes that start at the same moment may together pass it by at most one file.
 */
public final class FsKnowledgeFileService implements KnowledgeFileService {

    /** Entries returned by one tree listing. */
    static final int MAX_TREE_ENTRIES = 10_000;

    private final Vertx vertx;
    private final KnowledgeLayout layout;
    private final KnowledgeConfig config;

    public FsKnowledgeFileService(Vertx vertx, KnowledgeLayout layout, KnowledgeConfig config) {
        this.vertx = vertx;
        this.layout = layout;
        this.config = config;
    }

    /** A checked write, ready to receive bytes: at most {@code allowed} of them, into {@code temp}. */
    private record WritePlan(
            String knowledge,
            String path,
            Path target,
            Path temp,
            long allowed,
            boolean fileLimit,
            boolean existed,
            Path firstMadeFolder) {}

    @Override
    public Future<KnowledgeTree> tree(String knowledge, String folder) {
        return vertx.executeBlocking(() -> {
            Path root = root(knowledge);
            Path start = folder == null ? root : existing(root, folder, "path");
            if (!Files.isDirectory(start)) {
                throw ApiException.validation("'%s' is a file, not a folder", folder);
            }
            return TreeWalker.list(root, start, MAX_TREE_ENTRIES);
        });
    }

    @Override
    public Future<FileDownload> open(String knowledge, String path) {
        return vertx.<Path>executeBlocking(() -> {
                    Path file = existing(root(knowledge), path, "path");
                    if (!Files.isRegularFile(file)) {
                        throw ApiException.validation("'%s' is a folder, not a file", path);
                    }
                    return file;
                })
                .compose(file -> vertx.fileSystem()
                        .open(file.toString(), new OpenOptions().setRead(true))
                        .compose(opened -> opened.size()
                                .map(size -> new FileDownload(
                                        opened, file.getFileName().toString(), size))));
    }

    @Override
    public Future<FileWrite> write(String knowledge, String path, String streamAddress, long contentLength) {
        // Until the pull starts, nobody else releases the served body; once it runs, the pull does.
        return vertx.executeBlocking(() -> plan(knowledge, path, contentLength))
                .onFailure(e -> BusStreams.cancel(vertx, streamAddress))
                .compose(plan -> receive(plan, streamAddress));
    }

    @Override
    public Future<KnowledgeEntry> move(String knowledge, String from, String to, boolean overwrite) {
        return vertx.executeBlocking(() -> {
            Path root = writableRoot(knowledge);
            List<String> fromSegments = SafePaths.segments(from, "from");
            List<String> toSegments = SafePaths.segments(to, "to");
            Path source = existing(root, from, "from");
            if (toSegments.size() >= fromSegments.size()
                    && toSegments.subList(0, fromSegments.size()).equals(fromSegments)) {
                throw ApiException.validation("cannot move '%s' onto itself or into itself ('%s')", from, to);
            }
            Path target = SafePaths.resolveInside(root, toSegments, "to");
            refuseTwins(root, toSegments, source);
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                refuseReplace(target, to, overwrite);
            }
            makeParents(root, target, "to");
            Files.move(source, target, moveOptions(overwrite));
            AtomicFiles.syncFolder(target.getParent());
            return entry(root, target);
        });
    }

    @Override
    public Future<Void> delete(String knowledge, String path) {
        return vertx.executeBlocking(() -> {
            Path root = writableRoot(knowledge);
            List<String> segments = SafePaths.segments(path, "path");
            // The parent is checked through links; the entry itself is removed as it is, so a stray link can go.
            Path parent = SafePaths.resolveInside(root, segments.subList(0, segments.size() - 1), "path");
            Path target = parent.resolve(segments.get(segments.size() - 1));
            if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                throw ApiException.notFound("no file or folder '%s' in knowledge '%s'", path, knowledge);
            }
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                AtomicFiles.deleteTree(target);
            } else {
                Files.delete(target);
            }
            return null;
        });
    }

    /** Checks everything about a write that can be checked before its bytes arrive. Blocking. */
    private WritePlan plan(String knowledge, String path, long contentLength) throws IOException {
        Path root = writableRoot(knowledge);
        List<String> segments = SafePaths.segments(path, "path");
        Path target = SafePaths.resolveInside(root, segments, "path");
        refuseTwins(root, segments, null);
        if (Files.isDirectory(target)) {
            throw ApiException.of(ErrorCode.CONFLICT, "'%s' is a folder; a file cannot replace it", path);
        }
        boolean existed = Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS);
        long replaced = existed ? Files.size(target) : 0;
        long room = config.maxKnowledgeBytes() - (TreeWalker.usage(root).bytes() - replaced);
        long allowed = Math.max(0, Math.min(config.maxFileBytes(), room));
        boolean fileLimit = allowed == config.maxFileBytes();
        if (contentLength > allowed) {
            throw tooLarge(knowledge, SafePaths.join(segments), allowed, fileLimit);
        }
        Path firstMade = firstMissing(root, target.getParent());
        makeParents(root, target, "path");
        return new WritePlan(
                knowledge,
                SafePaths.join(segments),
                target,
                AtomicFiles.tempBeside(target),
                allowed,
                fileLimit,
                existed,
                firstMade);
    }

    /** Streams the body into the plan's temporary file and commits it, or removes it on any failure. */
    private Future<FileWrite> receive(WritePlan plan, String streamAddress) {
        return vertx.fileSystem()
                .open(plan.temp().toString(), new OpenOptions().setWrite(true).setCreateNew(true))
                .onFailure(e -> BusStreams.cancel(vertx, streamAddress))
                .compose(file -> pull(file, plan, streamAddress))
                .compose(v -> vertx.executeBlocking(() -> commit(plan)))
                .recover(e -> vertx.executeBlocking(() -> {
                            discard(plan);
                            return null;
                        })
                        .compose(v -> Future.failedFuture(
                                e instanceof ApiException api && api.code() == ErrorCode.TOO_LARGE
                                        ? tooLarge(plan.knowledge(), plan.path(), plan.allowed(), plan.fileLimit())
                                        : e)));
    }

    private Future<Void> pull(AsyncFile file, WritePlan plan, String streamAddress) {
        return BusStreams.pull(vertx, streamAddress, file, plan.allowed())
                .compose(count -> file.flush())
                .eventually(() -> file.close());
    }

    private FileWrite commit(WritePlan plan) throws IOException {
        AtomicFiles.replace(plan.temp(), plan.target());
        return new FileWrite(entry(root(plan.knowledge()), plan.target()), !plan.existed());
    }

    private ApiException tooLarge(String knowledge, String path, long allowed, boolean fileLimit) {
        if (fileLimit) {
            return ApiException.of(ErrorCode.TOO_LARGE, "'%s' exceeds the limit of %d bytes per file", path, allowed);
        }
        return ApiException.of(
                ErrorCode.TOO_LARGE,
                "'%s' does not fit: knowledge '%s' may hold %d bytes in all, and %d are left",
                path,
                knowledge,
                config.maxKnowledgeBytes(),
                allowed);
    }

    /**
     * Refuses to create a name beside an existing one that differs only by case or Unicode normalisation; {@code
     * moving} (or null) is the entry being renamed, which may change its own case.
     */
    private static void refuseTwins(Path root, List<String> segments, Path moving) {
        Path folder = root;
        for (String segment : segments) {
            Path next = folder.resolve(segment);
            if (!Files.exists(next, LinkOption.NOFOLLOW_LINKS)) {
                Path parent = folder;
                SafePaths.findTwin(folder, segment)
                        .filter(twin -> moving == null || !parent.resolve(twin).equals(moving))
                        .ifPresent(twin -> {
                            throw ApiException.of(
                                    ErrorCode.CONFLICT,
                                    "'%s' differs only by case or Unicode normalisation from the existing '%s'",
                                    segment,
                                    twin);
                        });
            }
            folder = next;
        }
    }

    private static void refuseReplace(Path target, String to, boolean overwrite) {
        if (!overwrite) {
            throw ApiException.of(ErrorCode.CONFLICT, "'%s' exists; set overwrite to replace it", to);
        }
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw ApiException.of(ErrorCode.CONFLICT, "'%s' is a folder and is never replaced", to);
        }
    }

    /** Removes a failed write's temporary file and the folders it made, when nothing else has moved in. */
    private static void discard(WritePlan plan) {
        AtomicFiles.deleteQuietly(plan.temp());
        if (plan.firstMadeFolder() == null) {
            return;
        }
        for (Path folder = plan.target().getParent();
                folder.startsWith(plan.firstMadeFolder());
                folder = folder.getParent()) {
            try {
                Files.delete(folder);
            } catch (IOException e) {
                return;
            }
        }
    }

    /** The outermost folder on the way to {@code folder} that does not exist yet, or null. */
    private static Path firstMissing(Path root, Path folder) {
        Path missing = null;
        for (Path at = folder; !at.equals(root) && !Files.exists(at, LinkOption.NOFOLLOW_LINKS); at = at.getParent()) {
            missing = at;
        }
        return missing;
    }

    private static void makeParents(Path root, Path target, String field) throws IOException {
        try {
            Files.createDirectories(target.getParent());
        } catch (FileAlreadyExistsException e) {
            throw ApiException.of(ErrorCode.CONFLICT, "%s: a file stands where a folder is needed", field);
        }
        SafePaths.checkInside(root, target.getParent(), field);
    }

    private static StandardCopyOption[] moveOptions(boolean overwrite) {
        return overwrite
                ? new StandardCopyOption[] {StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING}
                : new StandardCopyOption[] {StandardCopyOption.ATOMIC_MOVE};
    }

    /** A path that must exist inside {@code root}, through links. Blocking. */
    private static Path existing(Path root, String raw, String field) {
        Path path = SafePaths.resolveInside(root, SafePaths.segments(raw, field), field);
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            throw ApiException.notFound("no file or folder '%s'", raw);
        }
        return path;
    }

    private static KnowledgeEntry entry(Path root, Path path) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
        String relative =
                root.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/");
        return attrs.isDirectory()
                ? new KnowledgeEntry(
                        relative,
                        KnowledgeEntry.FOLDER,
                        0,
                        attrs.lastModifiedTime().toInstant())
                : new KnowledgeEntry(
                        relative,
                        KnowledgeEntry.FILE,
                        attrs.size(),
                        attrs.lastModifiedTime().toInstant());
    }

    /** The files root of an existing knowledge. Blocking. */
    private Path root(String knowledge) {
        if (!KnowledgeService.BUILT_IN.equals(knowledge)) {
            KnowledgeLayout.checkName(knowledge);
            if (!layout.exists(knowledge)) {
                throw ApiException.notFound("no knowledge named '%s'", knowledge);
            }
        }
        return layout.filesRoot(knowledge);
    }

    private Path writableRoot(String knowledge) {
        return root(FsKnowledgeService.writable(knowledge));
    }
}
