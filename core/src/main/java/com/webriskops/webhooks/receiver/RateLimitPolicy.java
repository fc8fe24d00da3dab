package com.webriskops.webhooks.receiver;

import com.webriskops.webhooks.payload.TicketExportWebhook;
import com.webriskops.webhooks.ratelimit.TokenBuckets;
import jakarta.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;

/**
 * A token bucket per key (by default per account): up to {@code permits} deliveries per {@code
 * period}, refilled continuously; beyond that, 429 {@code WEBHOOK_RATE_LIMITED} with {@code
 * Retry-After} set to when the next delivery fits. In memory, per instance. Thread-safe.
 *
 * <p>At most {@code maxKeys} buckets are tracked; when more keys appear, full buckets (keys that
 * have been quiet for a whole period) are dropped first, and if none can be dropped the new key is
 * refused too, so a flood of keys cannot grow memory without bound.
 *
 * @param <P> the payload type the key is read from
 */
public final class RateLimitPolicy<P> implements DeliveryPolicy<P> {
    /** Default most keys tracked. */
    public static final int DEFAULT_MAX_KEYS = 10_000;

    private final int permits;
    private final Duration period;
    private final Function<? super P, String> keyFunction;
    private final TokenBuckets buckets;

    private RateLimitPolicy(int permits, Duration period, Function<? super P, String> keyFunction, int maxKeys) {
        this.permits = permits;
        this.period = period;
        this.keyFunction = keyFunction;
        this.buckets = new TokenBuckets(permits, period, maxKeys);
    }

    /**
     * Up to {@code permits} deliveries per {@code period} for each WebRiskOps account.
     *
     * @throws IllegalArgumentException if {@code permits} is not positive or {@code period} is not
     *     positive
     */
    public static RateLimitPolicy<TicketExportWebhook> perAccount(int permits, Duration period) {
        return perKey(permits, period, webhook -> "account:" + webhook.account().id(), DEFAULT_MAX_KEYS);
    }

    /**
     * Up to {@code permits} deliveries per {@code period} for each key that {@code keyFunction} reads
     * from the payload, of any scheme; at most {@code maxKeys} keys tracked.
     *
     * @throws IllegalArgumentException if a number is not positive
     */
    public static <P> RateLimitPolicy<P> perKey(
            int permits, Duration period, Function<? super P, String> keyFunction, int maxKeys) {
        Objects.requireNonNull(keyFunction, "keyFunction");
        return new RateLimitPolicy<>(permits, period, keyFunction, maxKeys); // its TokenBuckets checks the rest
    }

    @Override
    @Nullable
    public Rejection check(P payload, Instant now) {
        Duration wait = buckets.tryTake(keyFunction.apply(payload), now);
        if (wait == null) {
            return null;
        }
        return Rejection.rateLimited("Rate limit reached; retry after the given delay.", wait);
    }

    @Override
    public String toString() {
        return "RateLimitPolicy[permits=" + permits + ", period=" + period + "]";
    }
}
