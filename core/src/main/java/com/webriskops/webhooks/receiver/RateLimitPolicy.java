package com.webriskops.webhooks.receiver;

import com.webriskops.webhooks.payload.TicketExportWebhook;
import jakarta.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A token bucket per key (by default per account): up to {@code permits} deliveries per {@code
 * period}, refilled continuously; beyond that, 429 {@code WEBHOOK_RATE_LIMITED} with {@code
 * Retry-After} set to when the next delivery fits. In memory, per instance. Thread-safe.
 *
 * <p>At most {@code maxKeys} buckets are tracked; when more keys appear, full buckets (keys that
 * have been quiet for a whole period) are dropped first, and if none can be dropped the new key is
 * refused too, so a flood of keys cannot grow memory without bound.
 */
public final class RateLimitPolicy implements DeliveryPolicy {
    /** Default most keys tracked. */
    public static final int DEFAULT_MAX_KEYS = 10_000;

    private final int permits;
    private final Duration period;
    private final double nanosPerPermit;
    private final Function<TicketExportWebhook, String> keyFunction;
    private final int maxKeys;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    private RateLimitPolicy(
            int permits, Duration period, Function<TicketExportWebhook, String> keyFunction, int maxKeys) {
        this.permits = permits;
        this.period = period;
        this.nanosPerPermit = (double) period.toNanos() / permits;
        this.keyFunction = keyFunction;
        this.maxKeys = maxKeys;
    }

    /**
     * Up to {@code permits} deliveries per {@code period} for each account.
     *
     * @throws IllegalArgumentException if {@code permits} is not positive or {@code period} is not
     *     positive
     */
    public static RateLimitPolicy perAccount(int permits, Duration period) {
        return perKey(permits, period, webhook -> "account:" + webhook.account().id(), DEFAULT_MAX_KEYS);
    }

    /**
     * Up to {@code permits} deliveries per {@code period} for each key that {@code keyFunction} gives.
     *
     * @throws IllegalArgumentException if a number is not positive
     */
    public static RateLimitPolicy perKey(
            int permits, Duration period, Function<TicketExportWebhook, String> keyFunction, int maxKeys) {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(keyFunction, "keyFunction");
        if (permits <= 0) {
            throw new IllegalArgumentException("permits must be positive, not " + permits);
        }
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive, not " + period);
        }
        if (maxKeys <= 0) {
            throw new IllegalArgumentException("maxKeys must be positive, not " + maxKeys);
        }
        return new RateLimitPolicy(permits, period, keyFunction, maxKeys);
    }

    @Override
    @Nullable
    public Rejection check(TicketExportWebhook webhook, Instant now) {
        String key = keyFunction.apply(webhook);
        long nowNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        if (buckets.size() >= maxKeys && !buckets.containsKey(key)) {
            buckets.entrySet().removeIf(entry -> entry.getValue().isFull(nowNanos));
            if (buckets.size() >= maxKeys) {
                return Rejection.rateLimited("Too many distinct senders; retry later.", period);
            }
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(nowNanos));
        long waitNanos = bucket.tryTake(nowNanos);
        if (waitNanos <= 0) {
            return null;
        }
        return Rejection.rateLimited("Rate limit reached; retry after the given delay.", Duration.ofNanos(waitNanos));
    }

    @Override
    public String toString() {
        return "RateLimitPolicy[permits=" + permits + ", period=" + period + "]";
    }

    private final class Bucket {
        private double tokens;
        private long lastNanos;

        Bucket(long nowNanos) {
            this.tokens = permits;
            this.lastNanos = nowNanos;
        }

        /** Takes a token and returns 0, or returns how long until one is available. */
        synchronized long tryTake(long nowNanos) {
            refill(nowNanos);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) * nanosPerPermit);
        }

        synchronized boolean isFull(long nowNanos) {
            refill(nowNanos);
            return tokens >= permits;
        }

        private void refill(long nowNanos) {
            if (nowNanos > lastNanos) {
                tokens = Math.min(permits, tokens + (nowNanos - lastNanos) / nanosPerPermit);
                lastNanos = nowNanos;
            }
        }
    }
}
