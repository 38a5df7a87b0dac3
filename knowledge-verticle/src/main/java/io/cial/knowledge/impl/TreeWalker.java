package io.cial.knowledge.impl;

import io.cial.knowledge.api.KnowledgeEntry;
import io.cial.knowledge.api.KnowledgeTree;
import io.cial.protocol.SafePaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Walks a knowledge's tree without following links. A link is listed only when it points to a regular file inside the
 * knowledge's root; anything else it could point to stays invisible. Temporary files of writes in progress are hidden.
 * Blocking: call on a worker.
 */
final class TreeWalker {

    /** Files and bytes a tree holds, counting writes in progress so concurrent writes see each other. */
    record Usage(long files, long bytes) {}

    private TreeWalker() {}

    /** The entries below {@code start}, which is {@code root} or a folder inside it, sorted by path. */
    static KnowledgeTree list(Path root, Path start, int max) {
        List<KnowledgeEntry> entries = new ArrayList<>();
        boolean[] truncated = {false};
        walk(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (dir.equals(start)) {
                    return FileVisitResult.CONTINUE;
                }
                return add(entries, entry(root, dir, KnowledgeEntry.FOLDER, 0, attrs), max, truncated);
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                BasicFileAttributes target = visible(root, file, attrs);
                if (target == null) {
                    return FileVisitResult.CONTINUE;
                }
                return add(entries, entry(root, file, KnowledgeEntry.FILE, target.size(), target), max, truncated);
            }
        });
        entries.sort(Comparator.comparing(KnowledgeEntry::path));
        return new KnowledgeTree(entries, truncated[0]);
    }

    /** The relative paths of the files of {@code root}, sorted, at most {@code max}. */
    static KnowledgeTree files(Path root, int max) {
        KnowledgeTree all = list(root, root, Integer.MAX_VALUE);
        List<KnowledgeEntry> files = all.entries().stream()
                .filter(entry -> entry.type().equals(KnowledgeEntry.FILE))
                .toList();
        return new KnowledgeTree(files.subList(0, Math.min(max, files.size())), files.size() > max);
    }

    static Usage usage(Path root) {
        long[] totals = {0, 0};
        walk(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    totals[0]++;
                    totals[1] += attrs.size();
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return new Usage(totals[0], totals[1]);
    }

    private static void walk(Path start, SimpleFileVisitor<Path> visitor) {
        try {
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    return visitor.preVisitDirectory(dir, attrs);
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    return visitor.visitFile(file, attrs);
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException failure) {
                    // A file removed while walking, or one we may not read, is left out rather than failing the walk.
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The attributes to show for a file entry, or null to hide it. */
    private static BasicFileAttributes visible(Path root, Path file, BasicFileAttributes attrs) {
        if (file.getFileName().toString().startsWith(SafePaths.RESERVED_PREFIX)) {
            return null;
        }
        if (attrs.isRegularFile()) {
            return attrs;
        }
        if (!attrs.isSymbolicLink()) {
            return null;
        }
        try {
            Path real = file.toRealPath();
            BasicFileAttributes target = Files.readAttributes(real, BasicFileAttributes.class);
            return real.startsWith(root) && target.isRegularFile() ? target : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static KnowledgeEntry entry(Path root, Path path, String type, long size, BasicFileAttributes attrs) {
        String relative =
                root.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/");
        return new KnowledgeEntry(relative, type, size, attrs.lastModifiedTime().toInstant());
    }

    private static FileVisitResult add(
            List<KnowledgeEntry> entries, KnowledgeEntry entry, int max, boolean[] truncated) {
        if (entries.size() >= max) {
            truncated[0] = true;
            return FileVisitResult.TERMINATE;
        }
        entries.add(entry);
        return FileVisitResult.CONTINUE;
    }
}
