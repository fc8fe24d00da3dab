package com.webriskops.webhooks.receiver;

import jakarta.annotation.Nullable;
import java.time.Instant;

/**
 * An optional receiver rule checked after the payload is valid and before any store is written:
 * which accounts, projects or targets are allowed ({@link AllowListPolicy}), how many deliveries per
 * period ({@link RateLimitPolicy}), or a rule of the application's own. It reads the payload of the
 * receiver's scheme, so a policy works for any scheme whose payload it understands. Must be
 * thread-safe.
 *
 * <pre>{@code
 * DeliveryPolicy<VicketWebhook> onlyStatusChanges = (webhook, now) -> webhook.event().equals("ticket.status_changed")
 *         ? null
 *         : Rejection.forbidden("This receiver accepts ticket.status_changed events only.");
 * }</pre>
 *
 * @param <P> the payload type it reads
 */
@FunctionalInterface
public interface DeliveryPolicy<P> {
    /**
     * Returns null to let the delivery through, or the rejection to answer, typically {@link
     * Rejection#forbidden} or {@link Rejection#rateLimited}.
     *
     * @param payload the valid payload of the delivery
     * @param now the receiver's clock reading for the delivery
     */
    @Nullable
    Rejection check(P payload, Instant now);
}
