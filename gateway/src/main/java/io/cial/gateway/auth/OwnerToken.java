package io.cial.gateway.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The owner's bearer token of a standalone instance: generated on first start, kept in the data directory in a file
 * only the owner can read, and read back on every later start. Blocking: call it before the event loops start.
 */
public final class OwnerToken {

    public static final String FILE_NAME = "owner.token";
    private static final String PREFIX = "cial_ot_";

    private OwnerToken() {}

    /** Reads the token from {@code dir}, creating it (and the folder) on first start. */
    public static String loadOrCreate(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            create(file);
        }
        String token = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (token.length() < 32) {
            throw new IOException(
                    "the owner token in " + file + " is too short; delete the file to generate a new one");
        }
        return token;
    }

    private static void create(Path file) throws IOException {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException raced) {
            return;
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, token + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
