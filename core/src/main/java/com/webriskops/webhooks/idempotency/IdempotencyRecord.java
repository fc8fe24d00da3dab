package com.webriskops.webhooks.idempotency;

import jakarta.annotation.Nullable;
import java.time.Instant;
import java.util.Objects;

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
