package com.webriskops.webhooks.store;

import java.time.Instant;

/**
 * Remembers nonces so that a signed delivery cannot be replayed. The receiver pipeline records a
 * nonce only after its signature holds, so nobody without the secret can fill the store.
 *
 * <p>Implementations must be thread-safe, and {@link #recordIfAbsent} must be atomic: when many
 * threads or instances record the same nonce at once, exactly one gets {@code true}.
 */
public interface ReplayStore {
    /**
     * Records {@code nonce} until {@code expiresAt}, unless it is already recorded and not expired.
     *
     * @param nonce a well-formed nonce as the receiver stores it: namespaced, {@code <scheme>:<namespace>:<nonce>},
     *     at most 512 ASCII characters
     * @param now the current time; entries that expired before it count as absent
     * @param expiresAt when the entry may be forgotten, after {@code now}
     * @return true if the nonce was not seen before (the delivery is fresh), false if it was (a replay)
     * @throws StoreException if the store could not be reached or is full
     */
    boolean recordIfAbsent(String nonce, Instant now, Instant expiresAt);

    /**
     * Deletes up to {@code limit} entries that expired before {@code now}.
     *
     * @return how many entries were deleted
     * @throws StoreException if the store could not be reached
     */
    int purgeExpired(Instant now, int limit);
}
