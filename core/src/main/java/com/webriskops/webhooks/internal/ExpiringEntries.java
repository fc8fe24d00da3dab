package com.webriskops.webhooks.internal;

import com.webriskops.webhooks.store.StoreException;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The capacity rules and purge step the in-memory stores share: a positive capacity, room made for a
 * new key by dropping what has expired, and what has expired dropped a bounded number at a time.
 */
public final class ExpiringEntries {
    private ExpiringEntries() {}

    /**
     * Returns {@code capacity}, the most entries a store holds.
     *
     * @throws IllegalArgumentException if {@code capacity} is not positive
     */
    public static int checkCapacity(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive, not " + capacity);
        }
        return capacity;
    }

    /**
     * Makes room for {@code key} in {@code entries}, which hold at most about {@code capacity}: when they
     * are full and {@code key} is not among them, purges every expired entry.
     *
     * @param store the store's name for the message, such as {@code replay store}
     * @param units what an entry is, plural, for the message, such as {@code nonces}
     * @throws StoreException if the entries are still full, all unexpired
     */
    public static <K, V> void makeRoom(
            ConcurrentMap<K, V> entries,
            Function<? super V, Instant> expiresAt,
            int capacity,
            K key,
            Instant now,
            String store,
            String units) {
        if (entries.size() >= capacity && !entries.containsKey(key)) {
            purgeExpired(entries, expiresAt, now, Integer.MAX_VALUE);
            if (entries.size() >= capacity) {
                throw new StoreException("in-memory " + store + " is full (" + capacity + " unexpired " + units + ")");
            }
        }
    }

    /**
     * Replaces the entry of {@code key} with {@code next} applied to it (null removes it) if the entry is
     * held under {@code token}, as {@code tokenOf} reads it; a claim settled by its holder.
     *
     * @return whether the entry was held under {@code token} and so replaced
     */
    public static <K, V> boolean settle(
            ConcurrentMap<K, V> entries,
            K key,
            Function<? super V, String> tokenOf,
            String token,
            UnaryOperator<V> next) {
        Objects.requireNonNull(token, "token");
        boolean[] done = {false};
        entries.computeIfPresent(key, (k, existing) -> {
            if (!token.equals(tokenOf.apply(existing))) {
                return existing;
            }
            done[0] = true;
            return next.apply(existing);
        });
        return done[0];
    }

    /**
     * Removes up to {@code limit} entries of {@code entries} whose expiry is not after {@code now},
     * each only if it is still the value that was seen (a concurrent update keeps it).
     *
     * @return how many entries were removed
     */
    public static <K, V> int purgeExpired(
            ConcurrentMap<K, V> entries, Function<? super V, Instant> expiresAt, Instant now, int limit) {
        int purged = 0;
        for (Iterator<Map.Entry<K, V>> it = entries.entrySet().iterator(); it.hasNext() && purged < limit; ) {
            Map.Entry<K, V> entry = it.next();
            if (!expiresAt.apply(entry.getValue()).isAfter(now) && entries.remove(entry.getKey(), entry.getValue())) {
                purged++;
            }
        }
        return purged;
    }
}
