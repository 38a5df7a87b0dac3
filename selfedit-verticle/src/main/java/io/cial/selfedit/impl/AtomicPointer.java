package io.cial.selfedit.impl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Pointers that move in one step: a reader sees the old target or the new one, never a half-written file. Each is
 * written beside its final name and renamed over it ({@code rename(2)} is atomic on one file system). Blocking: call
 * on a worker.
 */
final class AtomicPointer {

    private AtomicPointer() {}

    /** Writes {@code value} plus a newline to {@code file}, durably, then renames it into place. */
    static void write(Path file, String value) {
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try {
            Files.writeString(
                    temp,
                    value + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE,
                    StandardOpenOption.SYNC);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move pointer " + file, e);
        }
    }

    /** The pointer's value, or null when it was never written. */
    static String read(Path file) {
        try {
            return Files.exists(file)
                    ? Files.readString(file, StandardCharsets.UTF_8).trim()
                    : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read pointer " + file, e);
        }
    }

    /**
     * Points the symbolic link {@code link} at {@code target} (a name relative to the link's folder), so a file server
     * rooted at the link switches every file at once.
     */
    static void link(Path link, String target) {
        Path temp = link.resolveSibling("." + link.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(temp);
            Files.createSymbolicLink(temp, Path.of(target));
            Files.move(temp, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move link " + link, e);
        }
    }

    /** The link's target name, or null when there is no link. */
    static String readLink(Path link) {
        try {
            return Files.isSymbolicLink(link) ? Files.readSymbolicLink(link).toString() : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read link " + link, e);
        }
    }
}
