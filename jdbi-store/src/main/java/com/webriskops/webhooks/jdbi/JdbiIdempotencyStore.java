package com.webriskops.webhooks.jdbi;

import com.webriskops.webhooks.store.Claim;
import com.webriskops.webhooks.store.IdempotencyStore;
import com.webriskops.webhooks.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An {@link IdempotencyStore} in a database table ({@code <prefix>idempotency_keys}), shared by
 * every instance of a service that uses the same database. Obtain one from {@link JdbiStores}.
 *
 * <p>{@link #claim} is one atomic statement (one round trip) that inserts the key, or takes it over
 * when its lease or retention has run out: PostgreSQL {@code INSERT ... ON CONFLICT DO UPDATE ...
 * WHERE} (won when one row was written; a key held by an unexpired row is then read in a second
 * statement, so only duplicates pay a second round trip), MariaDB {@code INSERT ... ON DUPLICATE KEY
 * UPDATE ... RETURNING} and H2 {@code SELECT ... FROM FINAL TABLE (MERGE ...)}, which return the row
 * as it is afterwards (won when its token is the one this call generated, a random UUID). Completing or releasing acts
 * only when the token matches, as in {@link com.webriskops.webhooks.store.InMemoryIdempotencyStore}.
 * Times are stored as epoch milliseconds.
 *
 * <p>Each statement's SQL is built once, when the store is built. {@link #complete} and {@link
 * #release} (every dialect) and the PostgreSQL claim run as plain JDBC prepared statements on a
 * borrowed connection (on a handle of the application's Jdbi when it gave one), the other claims
 * through JDBI without a template engine. Immutable and thread-safe; every call borrows a connection
 * for one statement and returns it.
 */
public final class JdbiIdempotencyStore implements IdempotencyStore {
    private final StoreSql sql;
    private final String table;
    private final int purgeBatchSize;

    JdbiIdempotencyStore(StoreSql sql, String tablePrefix, int purgeBatchSize) {
        this.sql = sql;
        this.table = tablePrefix + "idempotency_keys";
        this.purgeBatchSize = purgeBatchSize;
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreException if the database could not be reached or the statement failed; the
     *     message holds neither the key nor SQL, the cause holds the driver's exception
     * @throws IllegalArgumentException if {@code lease} is not positive
     * @throws NullPointerException if an argument is null
     */
    @Override
    public Claim claim(String key, Instant now, Duration lease) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(lease, "lease");
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("lease must be positive, not " + lease);
        }
        String token = UUID.randomUUID().toString();
        Instant leaseEnd = now.plus(lease);
        long nowMs = Times.epochMillis(now);
        long leaseEndMs = Times.epochMillis(leaseEnd);
        ClaimRow row = StoreErrors.run("claim an idempotency key", () -> sql.claim(key, token, nowMs, leaseEndMs));
        if (row == null) {
            throw new StoreException("The idempotency key claim returned no row");
        }
        if (token.equals(row.token())) {
            return Claim.claimed(token, leaseEnd);
        }
        if (row.token() == null) {
            return Claim.completed();
        }
        return Claim.inProgress(Instant.ofEpochMilli(row.expiresAtMs()));
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreException if the database could not be reached or the statement failed
     * @throws NullPointerException if an argument is null
     */
    @Override
    public boolean complete(String key, String token, Instant now, Duration retention) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(retention, "retention");
        long retentionEndMs = Times.epochMillis(now.plus(retention));
        return StoreErrors.run("complete an idempotency key", () -> sql.complete(key, token, retentionEndMs)) > 0;
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreException if the database could not be reached or the statement failed
     * @throws NullPointerException if an argument is null
     */
    @Override
    public boolean release(String key, String token) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(token, "token");
        return StoreErrors.run("release an idempotency key", () -> sql.release(key, token)) > 0;
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
        return Batches.purgeExpired("purge expired idempotency keys", now, limit, purgeBatchSize, sql::purgeKeys);
    }

    @Override
    public String toString() {
        return "JdbiIdempotencyStore[table=" + table + "]";
    }
}
