package org.carepath.platform;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Field-level AES-256-GCM for PHI at rest. A ciphertext is {@code version(1) | keyId(4) | iv(12) | data+tag},
 * where the key id is the start of the key's SHA-256: data written under a previous key stays readable while
 * its key is configured as previous.
 */
public final class FieldCipher {

    private static final byte VERSION = 1;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    /** Cipher.getInstance looks the provider up on every call; one per thread is enough (init resets it). */
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(FieldCipher::newCipher);
    private final int currentId;
    private final Map<Integer, SecretKeySpec> keys = new HashMap<>();
    private final SecretKeySpec lookupKey;
    private final java.util.List<SecretKeySpec> previousLookupKeys = new java.util.ArrayList<>();

    public FieldCipher(byte[] currentKey, List<byte[]> previousKeys) {
        this.currentId = keyId(currentKey);
        this.lookupKey = lookupKey(currentKey);
        previousKeys.forEach(k -> previousLookupKeys.add(lookupKey(k)));
        keys.put(currentId, new SecretKeySpec(currentKey, "AES"));
        previousKeys.forEach(k -> keys.putIfAbsent(keyId(k), new SecretKeySpec(k, "AES")));
    }

    public byte[] encrypt(byte[] plaintext, String context) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(context.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(1 + 4 + IV_BYTES + sealed.length)
                    .put(VERSION).putInt(currentId).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    /** {@code context} binds a ciphertext to its place (table and column), so values cannot be swapped. */
    public byte[] decrypt(byte[] ciphertext, String context) {
        ByteBuffer in = ByteBuffer.wrap(ciphertext);
        if (in.get() != VERSION) {
            throw new IllegalStateException("unknown ciphertext version");
        }
        SecretKeySpec key = keys.get(in.getInt());
        if (key == null) {
            throw new IllegalStateException("data was encrypted under a key that is not configured");
        }
        byte[] iv = new byte[IV_BYTES];
        in.get(iv);
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(context.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return cipher.doFinal(ciphertext, in.position(), in.remaining());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("decryption failed: wrong key or tampered data", e);
        }
    }

    /**
     * A keyed hash (HMAC-SHA256 under a key derived from the current data key) for finding a row by a PHI
     * value without decrypting the table. Deterministic by design; {@code context} keeps columns apart.
     */
    public byte[] lookupHash(String value, String context) {
        return lookupHash(lookupKey, value, context);
    }

    /** The lookup hashes under the current and every previous key: rows not yet re-encrypted still match. */
    public List<byte[]> lookupHashes(String value, String context) {
        java.util.List<byte[]> hashes = new java.util.ArrayList<>();
        hashes.add(lookupHash(value, context));
        previousLookupKeys.forEach(k -> hashes.add(lookupHash(k, value, context)));
        return hashes;
    }

    /** Whether this ciphertext is under the current key, so re-encryption can skip it. */
    public boolean isCurrent(byte[] ciphertext) {
        return ByteBuffer.wrap(ciphertext, 1, 4).getInt() == currentId;
    }

    private static byte[] lookupHash(SecretKeySpec key, String value, String context) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(context.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is not available", e);
        }
    }

    private static SecretKeySpec lookupKey(byte[] dataKey) {
        return new SecretKeySpec(hmac(dataKey, "carepath lookup key v1"), "HmacSHA256");
    }

    private static byte[] hmac(byte[] key, String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(label.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static int keyId(byte[] key) {
        try {
            return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(key)).getInt();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
