package com.webriskops.webhooks.idempotency;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A shared secret a client sends in a header, such as the scanner's {@code X-Scanner-Secret}.
 *
 * <p>This type never reveals its value: {@link #toString()} prints a fixed placeholder, there is no
 * accessor for the text, and two instances are equal only if they are the same object. Immutable and
 * thread-safe.
 */
public final class SharedSecret {
    private final byte[] value;

    private SharedSecret(byte[] value) {
        this.value = value;
    }

    /**
     * Wraps a secret given as text; compared as its UTF-8 bytes.
     *
     * @throws NullPointerException if {@code secret} is null
     * @throws IllegalArgumentException if {@code secret} is blank or longer than {@value
     *     SharedSecretCheck#MAX_HEADER_LENGTH} characters
     */
    public static SharedSecret of(String secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.isBlank()) {
            throw new IllegalArgumentException("secret must not be blank");
        }
        if (secret.length() > SharedSecretCheck.MAX_HEADER_LENGTH) {
            throw new IllegalArgumentException(
                    "secret must be at most " + SharedSecretCheck.MAX_HEADER_LENGTH + " characters long");
        }
        return new SharedSecret(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** The secret's bytes; package-private so only the check sees them. */
    byte[] bytes() {
        return value.clone();
    }

    @Override
    public String toString() {
        return "SharedSecret[redacted]";
    }
}
