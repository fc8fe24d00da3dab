package com.webriskops.webhooks.sender;

import jakarta.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;

/**
 * How much work a {@link DeliveryStore} holds, for gauges and health checks: what {@link
 * DeliveryStore#backlog} found. Immutable.
 *
 * @param waiting deliveries not yet in a terminal status (pending, retry_scheduled or sending)
 * @param oldestDueAt when the longest-waiting claimable delivery became due (its next attempt time, or
 *     its expired lease's end), or null when nothing is due at the time asked
 */
public record DeliveryBacklog(long waiting, @Nullable Instant oldestDueAt) {
    /** Nothing waiting. */
    public static final DeliveryBacklog EMPTY = new DeliveryBacklog(0, null);

    /**
     * @throws IllegalArgumentException if {@code waiting} is negative
     */
    public DeliveryBacklog {
        if (waiting < 0) {
            throw new IllegalArgumentException("waiting must not be negative, not " + waiting);
        }
    }

    /** How long the oldest due delivery has waited past its due time at {@code now}; zero when none is due. */
    public Duration oldestDueLag(Instant now) {
        if (oldestDueAt == null || oldestDueAt.isAfter(now)) {
            return Duration.ZERO;
        }
        return Duration.between(oldestDueAt, now);
    }
}
