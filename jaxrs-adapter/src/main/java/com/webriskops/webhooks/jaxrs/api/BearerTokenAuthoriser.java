package com.webriskops.webhooks.jaxrs.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An {@link ApiAuthoriser} for {@code Authorization: Bearer <token>}, as in the documents'
 * examples ({@code Bearer ${WEBRISKOPS_API_TOKEN}}). Each token names a caller; a read-only token may
 * only make {@code GET} calls (403 {@code FORBIDDEN} otherwise). A missing, malformed or unknown token
 * is 401 {@code UNAUTHORIZED}.
 *
 * <pre>{@code
 * ApiAuthoriser authoriser = BearerTokenAuthoriser.builder()
 *         .token(System.getenv("WEBRISKOPS_API_TOKEN"), "automation")
 *         .build();
 * }</pre>
 *
 * <p>Tokens are compared as SHA-256 digests with {@link MessageDigest#isEqual} against every
 * configured token, so the time taken reveals neither a token's length nor how much of it matched.
 * Tokens are never printed. Immutable and thread-safe.
 */
public final class BearerTokenAuthoriser implements ApiAuthoriser {
    /** Shortest accepted token, in characters. */
    public static final int MIN_TOKEN_LENGTH = 16;

    private static final int MAX_HEADER_LENGTH = 4_096;
    private static final String SCHEME = "bearer ";

    private final List<Entry> entries;

    private BearerTokenAuthoriser(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** A new builder; at least one token is required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ApiAuthorisation authorise(ApiCall call) {
        Objects.requireNonNull(call, "call");
        String header = call.authorization();
        if (header == null) {
            return ApiAuthorisation.unauthorized("an Authorization: Bearer token is required");
        }
        if (header.length() > MAX_HEADER_LENGTH
                || header.length() <= SCHEME.length()
                || !header.substring(0, SCHEME.length())
                        .toLowerCase(Locale.ROOT)
                        .equals(SCHEME)) {
            return ApiAuthorisation.unauthorized("the Authorization header must be Bearer <token>");
        }
        byte[] presented = sha256(header.substring(SCHEME.length()).trim());
        Entry match = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.digest, presented) && match == null) {
                match = entry;
            }
        }
        if (match == null) {
            return ApiAuthorisation.unauthorized("the bearer token is not recognised");
        }
        if (match.readOnly && !call.readOnly()) {
            return ApiAuthorisation.forbidden("this token may only read");
        }
        return ApiAuthorisation.allowed(match.principal);
    }

    @Override
    public String toString() {
        return "BearerTokenAuthoriser[tokens=" + entries.size() + "]";
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    private record Entry(byte[] digest, String principal, boolean readOnly) {}

    /**
     * Builds a {@link BearerTokenAuthoriser}. Not thread-safe; {@link #build()} freezes a copy, so the
     * builder may be changed and reused afterwards.
     */
    public static final class Builder {
        private final List<Entry> entries = new ArrayList<>();

        private Builder() {}

        /**
         * Accepts {@code token} for every call, as the caller {@code principal}.
         *
         * @throws IllegalArgumentException if the token is shorter than {@value #MIN_TOKEN_LENGTH}
         *     characters or holds whitespace, or the principal is blank
         */
        public Builder token(String token, String principal) {
            return add(token, principal, false);
        }

        /**
         * Accepts {@code token} for {@code GET} calls only (status polling, listing, fallback
         * downloads), as the caller {@code principal}; other calls get 403 {@code FORBIDDEN}.
         *
         * @throws IllegalArgumentException like {@link #token}
         */
        public Builder readOnlyToken(String token, String principal) {
            return add(token, principal, true);
        }

        private Builder add(String token, String principal, boolean readOnly) {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(principal, "principal");
            if (token.length() < MIN_TOKEN_LENGTH
                    || !token.strip().equals(token)
                    || token.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException(
                        "token must be at least " + MIN_TOKEN_LENGTH + " characters without whitespace");
            }
            if (principal.isBlank()) {
                throw new IllegalArgumentException("principal must not be blank");
            }
            entries.add(new Entry(sha256(token), principal, readOnly));
            return this;
        }

        /**
         * The authoriser.
         *
         * @throws IllegalStateException if no token was given
         */
        public BearerTokenAuthoriser build() {
            if (entries.isEmpty()) {
                throw new IllegalStateException("give at least one token");
            }
            return new BearerTokenAuthoriser(entries);
        }
    }
}
