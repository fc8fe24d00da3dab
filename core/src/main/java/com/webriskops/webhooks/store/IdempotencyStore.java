package com.webriskops.webhooks.store;

import java.time.Duration;
import java.time.Instant;

/**
 * The duplicate guard: tracks idempotency keys through new, in progress and completed, so that one
 * logical delivery is handled once however often it is retried.
 *
 * <p>A claim carries a lease: if the claimant crashes and never completes or releases, the key can
 * be claimed again once the lease has run out. Completing or releasing needs the claim's token, so a
 * claimant whose lease ran out cannot touch a newer claim. Implementations must be thread-safe and
 * {@link #claim} must be atomic: when many threads or instances claim the same key at once, exactly
 * one gets {@link Claim.State#CLAIMED}.
 */
public interface IdempotencyStore {
    /**
     * Claims {@code key} for {@code lease} unless it is completed or held by an unexpired claim.
     *
     * @throws StoreException if the store could not be reached or is full
     */
    Claim claim(String key, Instant now, Duration lease);

    /**
     * Marks the claimed key completed; it then answers {@link Claim.State#COMPLETED} until {@code
     * now + retention}.
     *
     * @return false if the claim was no longer held under {@code token} (its lease ran out and
     *     another claim replaced it), in which case nothing changes
     * @throws StoreException if the store could not be reached
     */
    boolean complete(String key, String token, Instant now, Duration retention);

    /**
     * Gives up the claim so the key can be claimed again at once (the handler failed).
     *
     * @return false if the claim was no longer held under {@code token}, in which case nothing changes
     * @throws StoreException if the store could not be reached
     */
    boolean release(String key, String token);

    /**
     * Deletes up to {@code limit} completed keys whose retention ended and claims whose lease ran
     * out before {@code now}.
     *
     * @return how many entries were deleted
     * @throws StoreException if the store could not be reached
     */
    int purgeExpired(Instant now, int limit);
}
