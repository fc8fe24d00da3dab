package com.webriskops.webhooks.sender;

import jakarta.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Random;

/**
 * When to try a retryable attempt again, and when to give up. The delay is the receiver's {@code
 * Retry-After} when it sent one (capped at {@link Builder#retryAfterCap}), else an exponential
 * backoff with "equal jitter": half of {@code min(maxBackoff, initialBackoff * 2^(n-1))} plus a
 * random share of the other half. Gives up after {@link Builder#maxAttempts} attempts, or when the
 * next attempt would start later than {@link Builder#maxAge} after the first. Immutable and
 * thread-safe (the {@link Random} given must be, as {@code java.util.Random} is).
 *
 * <pre>{@code
 * RetryPolicy policy = RetryPolicy.builder().maxAttempts(10).maxAge(Duration.ofHours(24)).build();
 * }</pre>
 */
public final class RetryPolicy {
    private final int maxAttempts;
    private final Duration maxAge;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration retryAfterCap;
    private final Random random;

    private RetryPolicy(Builder builder) {
        this.maxAttempts = builder.maxAttempts;
        this.maxAge = builder.maxAge;
        this.initialBackoff = builder.initialBackoff;
        this.maxBackoff = builder.maxBackoff;
        this.retryAfterCap = builder.retryAfterCap;
        this.random = builder.random;
    }

    /** 8 attempts within 24 hours, backoff from 10 seconds up to 30 minutes, Retry-After capped at 1 hour. */
    public static RetryPolicy ofDefaults() {
        return builder().build();
    }

    /** A new builder with the defaults of {@link #ofDefaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Most attempts per round, the first included. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** Latest start of a retry, counted from the round's first attempt. */
    public Duration maxAge() {
        return maxAge;
    }

    /** Longest {@code Retry-After} honoured. */
    public Duration retryAfterCap() {
        return retryAfterCap;
    }

    /**
     * When to make the next attempt after {@code outcome}, or null to give up (the outcome was not
     * retryable, the attempts are used up, or the next attempt would fall past the age limit).
     *
     * @param outcome the attempt just made
     * @param attemptsMade attempts made so far in this round, including {@code outcome}'s
     * @param firstAttemptAt when this round's first attempt started
     * @param now the current time
     */
    @Nullable
    public Instant nextAttemptAt(AttemptOutcome outcome, int attemptsMade, Instant firstAttemptAt, Instant now) {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(firstAttemptAt, "firstAttemptAt");
        Objects.requireNonNull(now, "now");
        if (!outcome.retryable() || attemptsMade >= maxAttempts) {
            return null;
        }
        Instant next = now.plus(delay(outcome.retryAfter(), attemptsMade));
        return next.isAfter(firstAttemptAt.plus(maxAge)) ? null : next;
    }

    /**
     * The wait before the next attempt: {@code retryAfter} capped, or the jittered backoff for the
     * {@code attemptsMade}-th failure when {@code retryAfter} is null.
     */
    public Duration delay(@Nullable Duration retryAfter, int attemptsMade) {
        if (retryAfter != null) {
            return retryAfter.isNegative() ? Duration.ZERO : min(retryAfter, retryAfterCap);
        }
        return backoff(attemptsMade);
    }

    /** The jittered backoff after the {@code failures}-th failure (1 for the first). */
    public Duration backoff(int failures) {
        long initial = initialBackoff.toMillis();
        int shift = Math.min(Math.max(failures, 1) - 1, 40);
        long base = initial > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : initial << shift;
        long capped = Math.min(base, maxBackoff.toMillis());
        long half = capped / 2;
        long jitter = half == 0 ? 0 : (long) (random.nextDouble() * (capped - half + 1));
        return Duration.ofMillis(Math.min(capped, half + jitter));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public String toString() {
        return "RetryPolicy[maxAttempts=" + maxAttempts + ", maxAge=" + maxAge + ", initialBackoff=" + initialBackoff
                + ", maxBackoff=" + maxBackoff + ", retryAfterCap=" + retryAfterCap + "]";
    }

    /** Builds a {@link RetryPolicy}. Not thread-safe; {@link #build()} freezes a copy. */
    public static final class Builder {
        private int maxAttempts = 8;
        private Duration maxAge = Duration.ofHours(24);
        private Duration initialBackoff = Duration.ofSeconds(10);
        private Duration maxBackoff = Duration.ofMinutes(30);
        private Duration retryAfterCap = Duration.ofHours(1);
        private Random random = new Random();

        private Builder() {}

        /**
         * Most attempts per round (the first included). Default 8.
         *
         * @throws IllegalArgumentException if not between 1 and 1000
         */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1 || maxAttempts > 1000) {
                throw new IllegalArgumentException("maxAttempts must be between 1 and 1000, not " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * Latest start of a retry, counted from the round's first attempt. Default 24 hours.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder maxAge(Duration maxAge) {
            this.maxAge = positive(maxAge, "maxAge");
            return this;
        }

        /**
         * Backoff after the first failure, before jitter. Default 10 seconds.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder initialBackoff(Duration initialBackoff) {
            this.initialBackoff = positive(initialBackoff, "initialBackoff");
            return this;
        }

        /**
         * Longest backoff, before jitter. Default 30 minutes.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = positive(maxBackoff, "maxBackoff");
            return this;
        }

        /**
         * Longest {@code Retry-After} honoured; longer ones are shortened to it. Default 1 hour.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder retryAfterCap(Duration retryAfterCap) {
            this.retryAfterCap = positive(retryAfterCap, "retryAfterCap");
            return this;
        }

        /** The jitter source; must be thread-safe. Default: a new {@link Random}. */
        public Builder random(Random random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /**
         * @throws IllegalStateException if initialBackoff exceeds maxBackoff
         */
        public RetryPolicy build() {
            if (initialBackoff.compareTo(maxBackoff) > 0) {
                throw new IllegalStateException("initialBackoff must not exceed maxBackoff");
            }
            return new RetryPolicy(this);
        }

        private static Duration positive(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive, not " + value);
            }
            return value;
        }
    }
}
