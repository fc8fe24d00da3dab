package com.webriskops.webhooks.store;

import com.webriskops.webhooks.internal.ExpiringEntries;
import jakarta.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link IdempotencyStore} in this JVM's memory, for a single instance or for tests. Thread-safe.
 *
 * <p>Bounded like {@link InMemoryReplayStore}: when full of unexpired entries it refuses new keys
 * with a {@link StoreException} (the receiver answers 503) instead of forgetting completed ones.
 *
 * <p>Bounds and retention fit together: a completed key is held for the receiver's {@linkplain
 * com.webriskops.webhooks.receiver.WebhookReceiver.Builder#completedRetention retention} (7 days by
 * default), so the store must hold every key completed within that time. The default capacity of
 * {@value #DEFAULT_CAPACITY} keys holds 7 days at up to 1.65 deliveries per second (about 142,000 a
 * day), in the order of 250 MB of heap when full with keys of about 60 characters. For more, pass a
 * larger capacity, shorten the retention (capacity ÷ retention in seconds = sustained deliveries per
 * second), or use a database store.
 */
public final class InMemoryIdempotencyStore implements IdempotencyStore {
    /** Default most keys held: 7 days of completed keys at 1.65 deliveries per second. */
    public static final int DEFAULT_CAPACITY = 1_000_000;

    /** A key's state: claimed under {@code token} until {@code expiresAt}, or completed (token null). */
    private record Entry(@Nullable String token, Instant expiresAt) {
        boolean completed() {
            return token == null;
        }
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final int capacity;

    /** A store holding at most {@value #DEFAULT_CAPACITY} keys. */
    public InMemoryIdempotencyStore() {
        this(DEFAULT_CAPACITY);
    }

    /**
     * A store holding at most about {@code capacity} keys.
     *
     * @throws IllegalArgumentException if {@code capacity} is not positive
     */
    public InMemoryIdempotencyStore(int capacity) {
        this.capacity = ExpiringEntries.checkCapacity(capacity);
    }

    @Override
    public Claim claim(String key, Instant now, Duration lease) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(lease, "lease");
        ExpiringEntries.makeRoom(entries, Entry::expiresAt, capacity, key, now, "idempotency store", "keys");
        Claim[] result = new Claim[1];
        entries.compute(key, (k, existing) -> {
            if (existing != null && existing.expiresAt().isAfter(now)) {
                result[0] = existing.completed() ? Claim.completed() : Claim.inProgress(existing.expiresAt());
                return existing;
            }
            Entry claimed = new Entry(UUID.randomUUID().toString(), now.plus(lease));
            result[0] = Claim.claimed(claimed.token(), claimed.expiresAt());
            return claimed;
        });
        return result[0];
    }

    @Override
    public boolean complete(String key, String token, Instant now, Duration retention) {
        return ExpiringEntries.settle(
                entries, key, Entry::token, token, existing -> new Entry(null, now.plus(retention)));
    }

    @Override
    public boolean release(String key, String token) {
        return ExpiringEntries.settle(entries, key, Entry::token, token, existing -> null);
    }

    @Override
    public int purgeExpired(Instant now, int limit) {
        return ExpiringEntries.purgeExpired(entries, Entry::expiresAt, now, limit);
    }

    /** How many keys are held, expired or not. */
    public int size() {
        return entries.size();
    }
}
