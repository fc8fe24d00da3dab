package com.webriskops.webhooks.sender.outbox;

import java.time.Instant;
import java.util.Objects;

/**
 * A delivery claimed by one dispatcher: the snapshot taken at claim time, the fencing token every
 * write-back must carry, and the lease's end. Immutable.
 *
 * @param delivery the delivery as claimed (status sending; {@code attempts} already counts this one)
 * @param fencingToken the claim's token; a write-back with an older token is discarded
 * @param owner the dispatcher that claimed it
 * @param leaseExpiresAt when another dispatcher may claim it again
 */
public record ClaimedDelivery(Delivery delivery, long fencingToken, String owner, Instant leaseExpiresAt) {
    public ClaimedDelivery {
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(leaseExpiresAt, "leaseExpiresAt");
    }

    /** The store id. */
    public long id() {
        return delivery.id();
    }

    /** The attempt number this claim makes. */
    public int attemptNumber() {
        return delivery.attempts();
    }
}
