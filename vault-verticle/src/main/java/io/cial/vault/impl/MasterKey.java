package io.cial.vault.impl;

import io.cial.vault.VaultConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * Finds the vault's master key: {@code CIAL_VAULT_KEY} when the environment supplies it, else the key file in the
 * vault's folder, created on first start with owner-only permissions. Blocking file I/O: call it on a worker.
 */
public final class MasterKey {

    static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    private MasterKey() {}

    /**
     * Loads or creates the key, creating the vault's folder (owner-only) when missing.
     *
     * @throws IllegalStateException when the key file is unreadable, malformed, or readable by anyone but its owner
     */
    public static byte[] load(VaultConfig config) {
        try {
            createDirectory(config.areaDir());
            if (config.suppliedMasterKey().isPresent()) {
                return config.suppliedMasterKey().get();
            }
            return Files.exists(config.masterKeyFile()) ? read(config.masterKeyFile()) : create(config.masterKeyFile());
        } catch (IOException e) {
            throw new UncheckedIOException("vault: cannot prepare the master key in " + config.areaDir(), e);
        }
    }

    private static void createDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Files.createDirectories(dir, posixAttribute(OWNER_ONLY_DIR));
    }

    private static byte[] create(Path file) throws IOException {
        byte[] key = new byte[VaultConfig.MASTER_KEY_BYTES];
        new SecureRandom().nextBytes(key);
        byte[] encoded = Base64.getEncoder().encode(key);
        try {
            Files.write(Files.createFile(file, posixAttribute(OWNER_ONLY_FILE)), encoded, StandardOpenOption.WRITE);
            return key;
        } catch (FileAlreadyExistsException raced) {
            // Another starter created it first; its key is the one.
            return read(file);
        }
    }

    private static byte[] read(Path file) throws IOException {
        if (isPosix()) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (!OWNER_ONLY_FILE.containsAll(permissions)) {
                throw new IllegalStateException("vault: " + file + " must be readable by its owner only (rw-------),"
                        + " found " + PosixFilePermissions.toString(permissions));
            }
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("vault: " + file + " does not hold a base64 key");
        }
        if (key.length != VaultConfig.MASTER_KEY_BYTES) {
            throw new IllegalStateException(
                    "vault: " + file + " must hold " + VaultConfig.MASTER_KEY_BYTES + " bytes, found " + key.length);
        }
        return key;
    }

    private static FileAttribute<?>[] posixAttribute(Set<PosixFilePermission> permissions) {
        return isPosix()
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
                : new FileAttribute<?>[0];
    }

    private static boolean isPosix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
