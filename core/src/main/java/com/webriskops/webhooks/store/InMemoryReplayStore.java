package com.webriskops.webhooks.store;

import com.webriskops.webhooks.internal.ExpiringEntries;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link ReplayStore} in this JVM's memory, for a single instance or for tests. Thread-safe.
 *
 * <p>Bounded: when it holds {@code capacity} entries it first drops expired ones, and if none have
 * expired it refuses new ones with a {@link StoreException} (the pipeline answers 503) rather than
 * forget a nonce that could still be replayed. Several instances of a service need a shared store,
 * such as the JDBI one.
 *
 * <p>The receiver keeps a nonce for twice its timestamp tolerance (10 minutes by default), so the
 * default capacity of {@value #DEFAULT_CAPACITY} nonces holds up to about 166 deliveries per second
 * sustained (capacity ÷ kept seconds).
 */
public final class InMemoryReplayStore implements ReplayStore {
    /** Default most entries held. */
    public static final int DEFAULT_CAPACITY = 100_000;

    private final ConcurrentHashMap<String, Instant> expiries = new ConcurrentHashMap<>();
    private final int capacity;

    /** A store holding at most {@value #DEFAULT_CAPACITY} nonces. */
    public InMemoryReplayStore() {
        this(DEFAULT_CAPACITY);
    }

    /**
     * A store holding at most about {@code capacity} nonces (concurrent inserts may overshoot it by
     * the number of threads).
     *
     * @throws IllegalArgumentException if {@code capacity} is not positive
     */
    public InMemoryReplayStore(int capacity) {
        this.capacity = ExpiringEntries.checkCapacity(capacity);
    }

    @Override
    public boolean recordIfAbsent(String nonce, Instant now, Instant expiresAt) {
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(expiresAt, "expiresAt");
        ExpiringEntries.makeRoom(expiries, expiry -> expiry, capacity, nonce, now, "replay store", "nonces");
        boolean[] recorded = {false};
        expiries.compute(nonce, (key, existing) -> {
            if (existing != null && existing.isAfter(now)) {
                return existing;
            }
            recorded[0] = true;
            return expiresAt;
        });
        return recorded[0];
    }

    @Override
    public int purgeExpired(Instant now, int limit) {
        return ExpiringEntries.purgeExpired(expiries, expiry -> expiry, now, limit);
    }

    /** How many nonces are held, expired or not. */
    public int size() {
        return expiries.size();
    }
}
