package io.cial.knowledge.impl;

import io.cial.protocol.SafePaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.UUID;

/** Blocking file helpers that keep a file either whole or absent: call them on a worker. */
final class AtomicFiles {

    /** Temporary files of writes in progress; {@link SafePaths} refuses this prefix in callers' paths. */
    static final String TEMP_PREFIX = SafePaths.RESERVED_PREFIX + "tmp-";

    private AtomicFiles() {}

    /** A fresh temporary name beside {@code target}. */
    static Path tempBeside(Path target) {
        return target.resolveSibling(TEMP_PREFIX + UUID.randomUUID());
    }

    /** Writes {@code data} to a synced temporary file, then renames it over {@code target}. */
    static void write(Path target, byte[] data) {
        Path temp = tempBeside(target);
        try {
            try (FileChannel channel =
                    FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(data));
                channel.force(true);
            }
            replace(temp, target);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new UncheckedIOException(e);
        }
    }

    /** Renames {@code source} over {@code target} in one step and syncs the folder, so the rename survives a crash. */
    static void replace(Path source, Path target) throws IOException {
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncFolder(target.getParent());
    }

    /** Best effort: not every file system lets a folder be opened for sync. */
    static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // The rename itself is atomic; only its durability across a power cut is weaker here.
        }
    }

    /** Deletes a folder and everything below it without following links, so nothing outside it is touched. */
    static void deleteTree(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                    if (failure != null) {
                        throw failure;
                    }
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A stray temporary file is hidden from listings and removed with its knowledge.
        }
    }
}
