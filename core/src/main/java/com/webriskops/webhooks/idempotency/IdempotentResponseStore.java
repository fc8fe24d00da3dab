package com.webriskops.webhooks.idempotency;

import com.webriskops.webhooks.idempotency.IdempotentRequests.KeyScopeResolver;
import jakarta.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * Where {@link IdempotentRequests} keeps each scoped {@code Idempotency-Key}: the first request's
 * fingerprint, a running claim with a lease and a token, then the stored answer until its time to
 * live runs out. In memory ({@link #inMemory()}) or in a database (the JDBI
 * store).
 *
 * <p>Implementations must be thread-safe and {@link #claim} must be atomic: when many threads or
 * instances claim the same key at once, exactly one wins. Completing or releasing needs the claim's
 * token, so a claimant whose lease ran out cannot touch a newer claim. Every method throws {@link
 * com.webriskops.webhooks.store.StoreException} when the store cannot answer.
 */
public interface IdempotentResponseStore {
    /**
     * Claims the scoped key for {@code lease} with {@code fingerprint}, unless an unexpired record
     * holds it (a running claim, or a stored answer); an expired record is replaced.
     *
     * @return whether the key was claimed, with the record as it is afterwards
     * @throws com.webriskops.webhooks.store.StoreException if the store could not answer or is full
     */
    KeyClaim claim(String scope, String key, String fingerprint, Instant now, Duration lease);

    /**
     * Stores {@code response} for the claimed key, kept until {@code now + timeToLive}.
     *
     * @return false if the claim was no longer held under {@code token}; nothing changes then
     * @throws com.webriskops.webhooks.store.StoreException if the store could not answer
     */
    boolean complete(String scope, String key, String token, StoredResponse response, Instant now, Duration timeToLive);

    /**
     * Gives up the claim so the key can be claimed again at once.
     *
     * @return false if the claim was no longer held under {@code token}; nothing changes then
     * @throws com.webriskops.webhooks.store.StoreException if the store could not answer
     */
    boolean release(String scope, String key, String token);

    /**
     * The unexpired record of the scoped key, or null.
     *
     * @throws com.webriskops.webhooks.store.StoreException if the store could not answer
     */
    @Nullable
    IdempotencyRecord find(String scope, String key, Instant now);

    /**
     * Deletes up to {@code limit} records whose lease or time to live ran out at or before {@code now}.
     *
     * @return how many records were deleted
     * @throws com.webriskops.webhooks.store.StoreException if the store could not answer
     */
    int purgeExpired(Instant now, int limit);

    /**
     * The answer of {@link IdempotentResponseStore#claim}: whether this call claimed the key, and the
     * key's record as it is afterwards. When {@code claimed}, the record carries the new claim's token and
     * the fingerprint given; otherwise it is the record of the earlier request (still running, or
     * completed with its stored answer). Immutable.
     *
     * @param claimed true when this call claimed the key
     * @param record the key's record after the call
     */
    public record KeyClaim(boolean claimed, IdempotencyRecord record) {
        /** @throws IllegalArgumentException if {@code claimed} but the record holds no token */
        public KeyClaim {
            Objects.requireNonNull(record, "record");
            if (claimed && record.token() == null) {
                throw new IllegalArgumentException("a won claim carries its token");
            }
        }
    }

    /**
     * What an {@link IdempotentResponseStore} holds for one scoped key: the fingerprint of the request
     * that first used it, and either a running claim ({@code token} set, {@code response} null) or the
     * stored answer ({@code token} null, {@code response} set). Immutable.
     *
     * @param scope the key's scope, as given by the {@link KeyScopeResolver} (then bounded)
     * @param key the {@code Idempotency-Key} value
     * @param fingerprint the hex SHA-256 fingerprint of the first request's method, path and body
     * @param token the running claim's token, or null once completed
     * @param expiresAt when the claim's lease or the stored answer's time to live runs out
     * @param response the stored answer once completed, otherwise null
     */
    public record IdempotencyRecord(
            String scope,
            String key,
            String fingerprint,
            @Nullable String token,
            Instant expiresAt,
            @Nullable StoredResponse response) {
        /** @throws IllegalArgumentException unless exactly one of {@code token} and {@code response} is set */
        public IdempotencyRecord {
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(fingerprint, "fingerprint");
            Objects.requireNonNull(expiresAt, "expiresAt");
            if ((token == null) == (response == null)) {
                throw new IllegalArgumentException("a record holds either a claim token or a stored response");
            }
        }

        /** True when the first request finished and its answer is stored. */
        public boolean completed() {
            return response != null;
        }

        @Override
        public String toString() {
            // The token is a capability: keep it out of logs. The key may be meaningful to the client.
            return "IdempotencyRecord[scope=" + scope + ", completed=" + completed() + ", expiresAt=" + expiresAt + "]";
        }
    }

    /**
     * The answer stored for an idempotency key and replayed byte for byte to a retry: status, content
     * type and body. Other response headers are not stored. Immutable: the body is copied in and out.
     *
     * @param status the HTTP status, 200 to 499
     * @param contentType the {@code Content-Type} sent, or null when there was none
     * @param body the exact body bytes sent
     */
    public record StoredResponse(int status, @Nullable String contentType, byte[] body) {
        /** The longest content type stored. */
        public static final int MAX_CONTENT_TYPE_LENGTH = 255;

        /**
         * @throws IllegalArgumentException if {@code status} is not 200 to 499, or the content type is
         *     longer than {@value #MAX_CONTENT_TYPE_LENGTH} characters
         */
        public StoredResponse {
            if (status < 200 || status > 499) {
                throw new IllegalArgumentException("status must be 200 to 499, not " + status);
            }
            if (contentType != null && contentType.length() > MAX_CONTENT_TYPE_LENGTH) {
                throw new IllegalArgumentException(
                        "contentType must be at most " + MAX_CONTENT_TYPE_LENGTH + " characters long");
            }
            body = Objects.requireNonNull(body, "body").clone();
        }

        /** A copy of the body bytes. */
        @Override
        public byte[] body() {
            return body.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof StoredResponse other
                    && status == other.status
                    && Objects.equals(contentType, other.contentType)
                    && Arrays.equals(body, other.body);
        }

        @Override
        public int hashCode() {
            return Objects.hash(status, contentType, Arrays.hashCode(body));
        }

        @Override
        public String toString() {
            return "StoredResponse[status=" + status + ", contentType=" + contentType + ", body=" + body.length
                    + " bytes]";
        }
    }

    /**
     * A store in this JVM's memory holding at most 10,000 records, for a single instance or for
     * tests; see {@link #inMemory(int)}.
     */
    static IdempotentResponseStore inMemory() {
        return new InMemoryIdempotentResponseStore();
    }

    /**
     * A store in this JVM's memory holding at most about {@code capacity} records, each with a body no
     * larger than {@link IdempotentRequests}'s stored-body bound. When full of unexpired records it
     * refuses new keys with a {@link com.webriskops.webhooks.store.StoreException} (the engine answers
     * 503) instead of forgetting stored answers. Thread-safe.
     *
     * @throws IllegalArgumentException if {@code capacity} is not positive
     */
    static IdempotentResponseStore inMemory(int capacity) {
        return new InMemoryIdempotentResponseStore(capacity);
    }
}
