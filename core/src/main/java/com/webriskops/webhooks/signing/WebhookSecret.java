package com.webriskops.webhooks.signing;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook signing secret. The HMAC key is the UTF-8 encoding of the secret text.
 *
 * <p>This type never reveals its value: {@link #toString()} prints a fixed placeholder, and there is
 * no accessor for the text. Two instances are equal only if they are the same object, so secrets do
 * not leak through hash-based collections or equality checks either. Immutable and thread-safe.
 */
public final class WebhookSecret {
    static final String ALGORITHM = "HmacSHA256";

    /**
     * The fewest key bytes a receiver accepts (see {@link #isTooShortForReceiving()}): a shorter key
     * is quick to guess. Production secrets should be 32 random bytes or more.
     */
    public static final int MIN_RECEIVING_KEY_BYTES = 16;

    private final byte[] key;
    private final boolean testKey;
    private final Mac prototype;
    private final ThreadLocal<Mac> perThread = ThreadLocal.withInitial(this::clonePrototype);

    private WebhookSecret(byte[] key, boolean testKey) {
        this.key = key;
        this.testKey = testKey;
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            this.prototype = mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /**
     * Wraps a secret given as text, byte for byte: nothing is trimmed or split.
     *
     * @throws NullPointerException if {@code secret} is null
     * @throws IllegalArgumentException if {@code secret} is empty or blank
     */
    public static WebhookSecret of(String secret) {
        return new WebhookSecret(text(secret), false);
    }

    /**
     * Wraps a secret for tests and examples, which a receiver accepts even when it is shorter than
     * {@value #MIN_RECEIVING_KEY_BYTES} bytes. Never use it for a production secret.
     *
     * @throws NullPointerException if {@code secret} is null
     * @throws IllegalArgumentException if {@code secret} is empty or blank
     */
    public static WebhookSecret forTesting(String secret) {
        return new WebhookSecret(text(secret), true);
    }

    private static byte[] text(String secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.isBlank()) {
            throw new IllegalArgumentException("secret must not be blank");
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Wraps a secret given as raw key bytes. The array is copied; the caller may clear its own copy.
     *
     * @throws IllegalArgumentException if {@code key} is empty
     */
    public static WebhookSecret ofBytes(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length == 0) {
            throw new IllegalArgumentException("key must not be empty");
        }
        return new WebhookSecret(key.clone(), false);
    }

    /**
     * True when the key has fewer than {@value #MIN_RECEIVING_KEY_BYTES} bytes and was not made with
     * {@link #forTesting}: a receiver refuses to start with such a key. Reveals nothing else.
     */
    public boolean isTooShortForReceiving() {
        return !testKey && key.length < MIN_RECEIVING_KEY_BYTES;
    }

    /**
     * Returns the HMAC-SHA256, keyed with this secret, of {@code parts} fed in order: the building
     * block for signature schemes other than the WebRiskOps one (see {@code
     * com.webriskops.webhooks.receiver.spi.WebhookScheme}). Reveals nothing about the key beyond what any
     * signature does. Thread-safe.
     *
     * @throws NullPointerException if {@code parts} or one of its elements is null
     */
    public byte[] hmacSha256(byte[]... parts) {
        Objects.requireNonNull(parts, "parts");
        for (byte[] part : parts) {
            Objects.requireNonNull(part, "part");
        }
        return mac(parts);
    }

    /** Returns the HMAC-SHA256 of {@code parts}, fed in order. */
    byte[] mac(byte[]... parts) {
        Mac mac = newMac();
        for (byte[] part : parts) {
            mac.update(part);
        }
        return mac.doFinal();
    }

    /**
     * True when the secret's bytes occur anywhere in {@code data}: used to refuse a payload that
     * carries its own signing secret. The answer reveals nothing else about the secret.
     */
    public boolean occursIn(byte[] data) {
        Objects.requireNonNull(data, "data");
        outer:
        for (int i = 0; i + key.length <= data.length; i++) {
            for (int j = 0; j < key.length; j++) {
                if (data[i + j] != key[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * True when the secret's bytes occur anywhere in {@code data} with ASCII letters compared without
     * regard to case: used to refuse a payload that carries its own signing secret upper-cased (or in
     * any other letter case). The answer reveals nothing else about the secret. Thread-safe.
     *
     * @throws NullPointerException if {@code data} is null
     */
    public boolean occursInIgnoringAsciiCase(byte[] data) {
        Objects.requireNonNull(data, "data");
        outer:
        for (int i = 0; i + key.length <= data.length; i++) {
            for (int j = 0; j < key.length; j++) {
                if (asciiLower(data[i + j]) != asciiLower(key[j])) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static byte asciiLower(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + ('a' - 'A')) : b;
    }

    /** This thread's MAC for the secret, reset and ready (a Mac is not thread-safe; cloning one per call costs). */
    Mac newMac() {
        Mac mac = perThread.get();
        mac.reset();
        return mac;
    }

    private Mac clonePrototype() {
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("HmacSHA256 provider does not support clone()", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookSecret[redacted]";
    }
}
