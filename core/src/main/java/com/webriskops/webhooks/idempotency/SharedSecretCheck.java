package com.webriskops.webhooks.idempotency;

import com.webriskops.webhooks.protocol.ErrorCode;
import com.webriskops.webhooks.receiver.HttpAnswer;
import com.webriskops.webhooks.receiver.ProblemDetails;
import jakarta.annotation.Nullable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a shared-secret header, such as the scanner postback's {@code X-Scanner-Secret}, in constant
 * time: a missing or wrong value gets 401 {@code application/problem+json} with code {@link
 * ErrorCode#UNAUTHORIZED}. Usable alone or in front of {@link IdempotentRequests}.
 *
 * <pre>{@code
 * SharedSecretCheck check = SharedSecretCheck.builder()
 *         .secrets(SharedSecret.of(System.getenv("WRO_SCANNER_SHARED_SECRET")))
 *         .build();
 * }</pre>
 *
 * <p>The presented value and every configured secret are reduced to an HMAC-SHA256 under a random key
 * made when the check is built, and the fixed-length results are compared with {@link
 * MessageDigest#isEqual}, every secret every time: neither the time taken nor the answer tells how
 * much of a guess was right, or how long a secret is. Several secrets are accepted at once, for a
 * rotation. Immutable and thread-safe.
 */
public final class SharedSecretCheck {
    /** The header checked unless the builder names another. */
    public static final String DEFAULT_HEADER_NAME = "X-Scanner-Secret";

    /** The longest header value compared; longer ones are refused unread. */
    public static final int MAX_HEADER_LENGTH = 1024;

    private static final String HMAC = "HmacSHA256";
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}");

    private final String headerName;
    private final Mac prototype;
    private final List<byte[]> expected;
    private final int secretCount;

    private SharedSecretCheck(Builder builder) {
        this.headerName = builder.headerName;
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            this.prototype = mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
        List<byte[]> macs = new ArrayList<>();
        for (SharedSecret secret : builder.secrets) {
            byte[] bytes = secret.bytes();
            macs.add(mac(bytes));
            Arrays.fill(bytes, (byte) 0);
        }
        this.expected = List.copyOf(macs);
        this.secretCount = macs.size();
    }

    /** A new builder; at least one secret is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A check of the {@value #DEFAULT_HEADER_NAME} header against {@code secrets}.
     *
     * @throws IllegalArgumentException if no secret is given
     */
    public static SharedSecretCheck of(SharedSecret... secrets) {
        return builder().secrets(secrets).build();
    }

    /** The name of the header checked, such as {@value #DEFAULT_HEADER_NAME}. */
    public String headerName() {
        return headerName;
    }

    /**
     * True when {@code presented} (the header value as received, or null when absent) equals one of
     * the configured secrets. Takes the same time whichever secret matches, if any.
     */
    public boolean matches(@Nullable String presented) {
        if (presented == null || presented.isEmpty() || presented.length() > MAX_HEADER_LENGTH) {
            return false;
        }
        byte[] actual = mac(presented.getBytes(StandardCharsets.UTF_8));
        boolean match = false;
        for (byte[] candidate : expected) {
            match |= MessageDigest.isEqual(candidate, actual);
        }
        return match;
    }

    /**
     * Checks the header value: null when it matches, otherwise the 401 answer to send (code {@link
     * ErrorCode#UNAUTHORIZED}, naming the header but never echoing a value).
     *
     * @param presented the header's value, or null when the request has none
     */
    @Nullable
    public HttpAnswer check(@Nullable String presented) {
        if (matches(presented)) {
            return null;
        }
        return ProblemDetails.render(
                401,
                ErrorCode.UNAUTHORIZED.wireValue(),
                "The " + headerName + " header is missing or does not match a configured secret.");
    }

    private byte[] mac(byte[] data) {
        try {
            Mac mac = (Mac) prototype.clone();
            return mac.doFinal(data);
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("HmacSHA256 provider does not support clone()", e);
        }
    }

    @Override
    public String toString() {
        return "SharedSecretCheck[header=" + headerName + ", secrets=" + secretCount + "]";
    }

    /**
     * Builds a {@link SharedSecretCheck}. Not thread-safe; {@link #build()} freezes a copy, so the
     * builder may be changed and reused afterwards.
     */
    public static final class Builder {
        private String headerName = DEFAULT_HEADER_NAME;
        private List<SharedSecret> secrets = List.of();

        private Builder() {}

        /**
         * The header that carries the secret (default {@value SharedSecretCheck#DEFAULT_HEADER_NAME}).
         *
         * @throws IllegalArgumentException if it is not an HTTP token of 1 to 128 characters
         */
        public Builder headerName(String headerName) {
            Objects.requireNonNull(headerName, "headerName");
            if (!TOKEN.matcher(headerName).matches()) {
                throw new IllegalArgumentException("headerName must be an HTTP header name, not '" + headerName + "'");
            }
            this.headerName = headerName;
            return this;
        }

        /**
         * The accepted secrets, replacing any given before; during a rotation give the old and the new.
         *
         * @throws IllegalArgumentException if none are given
         */
        public Builder secrets(SharedSecret... secrets) {
            return secrets(Arrays.asList(secrets));
        }

        /**
         * The accepted secrets, replacing any given before.
         *
         * @throws IllegalArgumentException if the list is empty
         */
        public Builder secrets(List<SharedSecret> secrets) {
            Objects.requireNonNull(secrets, "secrets");
            if (secrets.isEmpty()) {
                throw new IllegalArgumentException("at least one secret is required");
            }
            for (SharedSecret secret : secrets) {
                Objects.requireNonNull(secret, "secret");
            }
            this.secrets = List.copyOf(secrets);
            return this;
        }

        /**
         * The check.
         *
         * @throws IllegalStateException if no secret was given
         */
        public SharedSecretCheck build() {
            if (secrets.isEmpty()) {
                throw new IllegalStateException("at least one secret is required");
            }
            return new SharedSecretCheck(this);
        }
    }

    /**
     * A shared secret a client sends in a header, such as the scanner's {@code X-Scanner-Secret}.
     *
     * <p>This type never reveals its value: {@link #toString()} prints a fixed placeholder, there is no
     * accessor for the text, and two instances are equal only if they are the same object. Immutable and
     * thread-safe.
     */
    public static final class SharedSecret {
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
}
