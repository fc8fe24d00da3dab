package com.webriskops.webhooks.idempotency;

import com.webriskops.webhooks.idempotency.IdempotentResponseStore.IdempotencyRecord;
import com.webriskops.webhooks.idempotency.IdempotentResponseStore.KeyClaim;
import com.webriskops.webhooks.idempotency.IdempotentResponseStore.StoredResponse;
import com.webriskops.webhooks.internal.ExpiringEntries;
import com.webriskops.webhooks.store.StoreException;
import jakarta.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link IdempotentResponseStore} in this JVM's memory, for a single instance or for tests.
 * Thread-safe.
 *
 * <p>Bounded: it holds at most {@code capacity} records, each with a body no larger than {@link
 * IdempotentRequests}'s stored-body bound. When full of unexpired records it refuses new keys with a
 * {@link StoreException} (the engine answers 503) instead of forgetting stored answers.
 */
final class InMemoryIdempotentResponseStore implements IdempotentResponseStore {
    /** Default most records held. */
    static final int DEFAULT_CAPACITY = 10_000;

    private record ScopedKey(String scope, String key) {}

    private final ConcurrentHashMap<ScopedKey, IdempotencyRecord> records = new ConcurrentHashMap<>();
    private final int capacity;

    /** A store holding at most {@value #DEFAULT_CAPACITY} records. */
    InMemoryIdempotentResponseStore() {
        this(DEFAULT_CAPACITY);
    }

    /**
     * A store holding at most about {@code capacity} records.
     *
     * @throws IllegalArgumentException if {@code capacity} is not positive
     */
    InMemoryIdempotentResponseStore(int capacity) {
        this.capacity = ExpiringEntries.checkCapacity(capacity);
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreException if the store is full of unexpired records
     * @throws IllegalArgumentException if {@code lease} is not positive
     */
    @Override
    public KeyClaim claim(String scope, String key, String fingerprint, Instant now, Duration lease) {
        ScopedKey id = new ScopedKey(Objects.requireNonNull(scope, "scope"), Objects.requireNonNull(key, "key"));
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(now, "now");
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("lease must be positive, not " + lease);
        }
        ExpiringEntries.makeRoom(
                records, IdempotencyRecord::expiresAt, capacity, id, now, "idempotent response store", "keys");
        KeyClaim[] result = new KeyClaim[1];
        records.compute(id, (k, existing) -> {
            if (existing != null && existing.expiresAt().isAfter(now)) {
                result[0] = new KeyClaim(false, existing);
                return existing;
            }
            IdempotencyRecord claimed = new IdempotencyRecord(
                    scope, key, fingerprint, UUID.randomUUID().toString(), now.plus(lease), null);
            result[0] = new KeyClaim(true, claimed);
            return claimed;
        });
        return result[0];
    }

    @Override
    public boolean complete(
            String scope, String key, String token, StoredResponse response, Instant now, Duration timeToLive) {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(timeToLive, "timeToLive");
        return ExpiringEntries.settle(
                records,
                new ScopedKey(scope, key),
                IdempotencyRecord::token,
                token,
                existing -> new IdempotencyRecord(
                        scope, key, existing.fingerprint(), null, now.plus(timeToLive), response));
    }

    @Override
    public boolean release(String scope, String key, String token) {
        return ExpiringEntries.settle(
                records, new ScopedKey(scope, key), IdempotencyRecord::token, token, existing -> null);
    }

    @Override
    @Nullable
    public IdempotencyRecord find(String scope, String key, Instant now) {
        IdempotencyRecord record = records.get(new ScopedKey(scope, key));
        return record != null && record.expiresAt().isAfter(now) ? record : null;
    }

    /** @throws IllegalArgumentException if {@code limit} is negative */
    @Override
    public int purgeExpired(Instant now, int limit) {
        Objects.requireNonNull(now, "now");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, not " + limit);
        }
        return ExpiringEntries.purgeExpired(records, IdempotencyRecord::expiresAt, now, limit);
    }

    /** How many records are held, expired or not. */
    public int size() {
        return records.size();
    }

    @Override
    public String toString() {
        return "InMemoryIdempotentResponseStore[capacity=" + capacity + "]";
    }
}
