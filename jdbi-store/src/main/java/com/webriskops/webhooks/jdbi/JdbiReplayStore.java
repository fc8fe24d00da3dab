package com.webriskops.webhooks.jdbi;

import com.webriskops.webhooks.store.ReplayStore;
import com.webriskops.webhooks.store.StoreException;
import java.time.Instant;
import java.util.Objects;

/**
 * A {@link ReplayStore} in a database table ({@code <prefix>nonces}), shared by every instance of a
 * service that uses the same database. Obtain one from {@link JdbiStores}.
 *
 * <p>{@link #recordIfAbsent} is one atomic statement (one round trip): PostgreSQL {@code INSERT ...
 * ON CONFLICT DO UPDATE ... WHERE expired}, MariaDB {@code INSERT ... ON DUPLICATE KEY UPDATE ...
 * RETURNING}, H2 {@code MERGE ... USING}. A nonce whose entry has expired is recorded again, like
 * {@link com.webriskops.webhooks.store.InMemoryReplayStore}. Times are stored as epoch milliseconds,
 * so instants are compared at millisecond precision.
 *
 * <p>Each statement's SQL is built once, when the store is built, and run through JDBI without a
 * template engine. Immutable and thread-safe; every call borrows a connection for one statement and
 * returns it.
 */
public final class JdbiReplayStore implements ReplayStore {
    private final StoreSql sql;
    private final String table;
    private final int purgeBatchSize;

    JdbiReplayStore(StoreSql sql, String tablePrefix, int purgeBatchSize) {
        this.sql = sql;
        this.table = tablePrefix + "nonces";
        this.purgeBatchSize = purgeBatchSize;
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreException if the database could not be reached or the statement failed; the
     *     message holds no nonce and no SQL, the cause holds the driver's exception
     * @throws NullPointerException if an argument is null
     */
    @Override
    public boolean recordIfAbsent(String nonce, Instant now, Instant expiresAt) {
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(expiresAt, "expiresAt");
        long nowMs = Times.epochMillis(now);
        long expiresAtMs = Times.epochMillis(expiresAt);
        return StoreErrors.run("record a nonce", () -> sql.recordNonce(nonce, nowMs, expiresAtMs));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Deletes in batches of at most the builder's {@linkplain JdbiStores.Builder#purgeBatchSize
     * purge batch size}, each its own short statement, so no single {@code DELETE} is unbounded.
     *
     * @throws StoreException if the database could not be reached or a statement failed
     * @throws IllegalArgumentException if {@code limit} is negative
     */
    @Override
    public int purgeExpired(Instant now, int limit) {
        return Batches.purgeExpired("purge expired nonces", now, limit, purgeBatchSize, sql::purgeNonces);
    }

    @Override
    public String toString() {
        return "JdbiReplayStore[table=" + table + "]";
    }
}
