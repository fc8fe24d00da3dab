package com.webriskops.webhooks.idempotency;

import jakarta.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;

/**
 * Where {@link IdempotentRequests} keeps each scoped {@code Idempotency-Key}: the first request's
 * fingerprint, a running claim with a lease and a token, then the stored answer until its time to
 * live runs out. In memory ({@link InMemoryIdempotentResponseStore}) or in a database (the JDBI
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
}
