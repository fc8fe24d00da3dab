package com.webriskops.webhooks.ratelimit;

import jakarta.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per key: up to {@code permits} takes per {@code period}, refilled continuously. At
 * most {@code maxKeys} buckets are tracked; full buckets (keys quiet for a whole period) are dropped
 * first, and when none can be dropped a new key is refused too, so a flood of keys cannot grow memory
 * without bound. Thread-safe.
 */
public final class TokenBuckets {
    private final int permits;
    private final Duration period;
    private final double nanosPerPermit;
    private final int maxKeys;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    /**
     * Buckets of {@code permits} tokens per {@code period}, for at most {@code maxKeys} keys at once.
     *
     * @throws IllegalArgumentException if a number is not positive
     */
    public TokenBuckets(int permits, Duration period, int maxKeys) {
        Objects.requireNonNull(period, "period");
        if (permits <= 0) {
            throw new IllegalArgumentException("permits must be positive, not " + permits);
        }
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive, not " + period);
        }
        if (maxKeys <= 0) {
            throw new IllegalArgumentException("maxKeys must be positive, not " + maxKeys);
        }
        this.permits = permits;
        this.period = period;
        this.nanosPerPermit = (double) period.toNanos() / permits;
        this.maxKeys = maxKeys;
    }

    /** Takes a token for {@code key}: null when one was available, else how long until one is. */
    @Nullable
    public Duration tryTake(String key, Instant now) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(now, "now");
        long nowNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        if (buckets.size() >= maxKeys && !buckets.containsKey(key)) {
            buckets.entrySet().removeIf(entry -> entry.getValue().isFull(nowNanos));
            if (buckets.size() >= maxKeys) {
                return period;
            }
        }
        long waitNanos = buckets.computeIfAbsent(key, k -> new Bucket(nowNanos)).tryTake(nowNanos);
        return waitNanos <= 0 ? null : Duration.ofNanos(waitNanos);
    }

    @Override
    public String toString() {
        return "TokenBuckets[permits=" + permits + ", period=" + period + "]";
    }

    private final class Bucket {
        private double tokens;
        private long lastNanos;

        Bucket(long nowNanos) {
            this.tokens = permits;
            this.lastNanos = nowNanos;
        }

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
