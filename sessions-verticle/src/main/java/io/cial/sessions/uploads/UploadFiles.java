package io.cial.sessions.uploads;

import io.cial.protocol.ApiException;
import io.cial.protocol.ErrorCode;
import io.cial.protocol.SafePaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Where uploaded bytes live: {@code <storage>/<owner>/<id>[.ext]}. No caller-supplied text ever becomes part of a
 * path: the owner's folder is its user id only when that id is a plain token (otherwise a hash of it), and a file is
 * named by its generated id plus a short extension kept so that the engine recognises its type. Every method touches
 * the disk: call on a worker.
 */
final class UploadFiles {

    static final String DATABASE = "uploads.db";
    private static final Pattern PLAIN_OWNER = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern EXTENSION = Pattern.compile("[a-z0-9]{1,16}");
    private static final String TEMP_PREFIX = SafePaths.RESERVED_PREFIX + "tmp-";

    private final Path storage;
    private Path realStorage;

    UploadFiles(Path storage) {
        this.storage = storage;
    }

    void init() {
        try {
            Files.createDirectories(storage);
            realStorage = storage.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path database() {
        return realStorage.resolve(DATABASE);
    }

    /** The owner's folder, created if needed, proven to be a real folder inside the storage. */
    Path ownerFolder(String owner) {
        Path folder = realStorage.resolve(folderName(owner));
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SafePaths.checkInside(realStorage, folder, "owner folder");
        return folder;
    }

    /** A fresh temporary file name in the owner's folder. */
    Path temp(String owner) {
        return ownerFolder(owner).resolve(TEMP_PREFIX + UUID.randomUUID());
    }

    /** The storage name of an upload: its id, plus the original name's extension when that is a plain one. */
    static String storedName(String id, String originalName) {
        int dot = originalName.lastIndexOf('.');
        if (dot <= 0) {
            return id;
        }
        String extension = originalName.substring(dot + 1).toLowerCase(Locale.ROOT);
        return EXTENSION.matcher(extension).matches() ? id + "." + extension : id;
    }

    /** Moves a complete temporary file to its final name in one step. */
    void commit(Path temp, String owner, String stored) {
        try {
            Path target = ownerFolder(owner).resolve(stored);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            syncFolder(target.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The absolute path of a stored upload, which must be a regular file (not a link) inside the owner's folder.
     *
     * @throws ApiException {@code not_found} when the file is gone or was replaced by anything else
     */
    Path existing(Upload upload) {
        Path file = realStorage.resolve(folderName(upload.owner())).resolve(upload.stored());
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw ApiException.of(ErrorCode.NOT_FOUND, "the file of upload '%s' is missing", upload.id());
        }
        SafePaths.checkInside(realStorage, file, "upload");
        return file;
    }

    /** Removes a stored file (a link in its place is removed itself, never what it points to). */
    void delete(String owner, String stored) {
        deleteQuietly(realStorage.resolve(folderName(owner)).resolve(stored));
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Nothing refers to an orphaned file; it only takes space until removed by hand.
        }
    }

    private static String folderName(String owner) {
        if (PLAIN_OWNER.matcher(owner).matches()) {
            return owner;
        }
        // '~' never appears in a plain owner, so a hashed folder cannot collide with one.
        return "~" + HexFormat.of().formatHex(sha256(owner)).substring(0, 40);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-256", e);
        }
    }

    private static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // The rename is atomic; only its durability across a power cut is weaker on such a file system.
        }
    }
}
