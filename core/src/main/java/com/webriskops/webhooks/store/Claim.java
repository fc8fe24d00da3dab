package com.webriskops.webhooks.store;

import jakarta.annotation.Nullable;
import java.time.Instant;
import java.util.Objects;

/**
 * The answer of {@link IdempotencyStore#claim}.
 *
 * @param state what the key was found in
 * @param token the claim's token when {@code state} is {@link State#CLAIMED}, otherwise null
 * @param leaseExpiresAt when the current claim's lease runs out, for {@link State#CLAIMED} and
 *     {@link State#IN_PROGRESS}; otherwise null
 */
public record Claim(
        State state, @Nullable String token, @Nullable Instant leaseExpiresAt) {
    /** What an idempotency key was found in. */
    public enum State {
        /** The key was new (or its earlier claim was released or expired) and is now claimed. */
        CLAIMED,
        /** Another claim holds the key and its lease has not run out. */
        IN_PROGRESS,
        /** The key was completed before. */
        COMPLETED
    }

    public Claim {
        Objects.requireNonNull(state, "state");
        if (state == State.CLAIMED && (token == null || leaseExpiresAt == null)) {
            throw new IllegalArgumentException("a CLAIMED claim needs a token and a lease expiry");
        }
    }

    public static Claim claimed(String token, Instant leaseExpiresAt) {
        return new Claim(State.CLAIMED, token, leaseExpiresAt);
    }

    public static Claim inProgress(Instant leaseExpiresAt) {
        return new Claim(State.IN_PROGRESS, null, leaseExpiresAt);
    }

    public static Claim completed() {
        return new Claim(State.COMPLETED, null, null);
    }

    @Override
    public String toString() {
        // The token is a capability: keep it out of logs.
        return "Claim[state=" + state + ", leaseExpiresAt=" + leaseExpiresAt + "]";
    }
}
