package io.cial.vault.impl;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secrets for storage with AES-256-GCM: a random 12-byte nonce per value, a 128-bit tag, and the secret's place
 * (e.g. {@code tool:<id>:value}) as associated data, so a sealed value copied to another row or field fails to open.
 * Sealed form: {@code v1.} + base64(nonce ‖ ciphertext ‖ tag). CPU work: call it on a worker, never on an event loop.
 */
public final class SecretBox {

    private static final String PREFIX = "v1.";
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    public SecretBox(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /** Encrypts {@code plain}, bound to {@code place}. */
    public String seal(String plain, String place) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, place);
            byte[] ciphertext = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(NONCE_BYTES + ciphertext.length)
                    .put(nonce)
                    .put(ciphertext)
                    .array();
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("vault: cannot seal a secret for " + place, e);
        }
    }

    /**
     * Decrypts a value sealed for {@code place}.
     *
     * @throws IllegalStateException when the value is malformed, was sealed with another key, or for another place
     */
    public String open(String ciphertext, String place) {
        if (ciphertext == null || !ciphertext.startsWith(PREFIX)) {
            throw new IllegalStateException("vault: the stored secret for " + place + " is not sealed");
        }
        try {
            byte[] in = Base64.getDecoder().decode(ciphertext.substring(PREFIX.length()));
            ByteBuffer buffer = ByteBuffer.wrap(in);
            byte[] nonce = new byte[NONCE_BYTES];
            buffer.get(nonce);
            byte[] body = new byte[buffer.remaining()];
            buffer.get(body);
            return new String(cipher(Cipher.DECRYPT_MODE, nonce, place).doFinal(body), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException | java.nio.BufferUnderflowException e) {
            throw new IllegalStateException(
                    "vault: the stored secret for " + place + " cannot be opened with this key");
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String place) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(place.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
