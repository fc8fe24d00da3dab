package com.webriskops.webhooks.receiver;

import com.webriskops.webhooks.payload.TicketExportWebhook;
import jakarta.annotation.Nullable;
import java.time.Instant;

/**
 * An optional receiver rule checked after the payload is valid and before any store is written:
 * which accounts, projects or targets are allowed ({@link AllowListPolicy}), how many deliveries per
 * period ({@link RateLimitPolicy}), or a rule of the application's own. Must be thread-safe.
 */
@FunctionalInterface
public interface DeliveryPolicy {
    /**
     * Returns null to let the delivery through, or the rejection to answer, typically {@link
     * Rejection#forbidden} or {@link Rejection#rateLimited}.
     */
    @Nullable
    Rejection check(TicketExportWebhook webhook, Instant now);
}
