package com.webriskops.webhooks.internal;

import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/** The purge step the in-memory stores share: drop what has expired, a bounded number at a time. */
public final class ExpiringEntries {
    private ExpiringEntries() {}

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
