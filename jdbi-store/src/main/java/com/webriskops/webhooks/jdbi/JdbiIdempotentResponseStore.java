package com.webriskops.webhooks.jdbi;

import com.webriskops.webhooks.idempotency.IdempotentResponseStore;
import com.webriskops.webhooks.idempotency.IdempotentResponseStore.IdempotencyRecord;
import com.webriskops.webhooks.idempotency.IdempotentResponseStore.KeyClaim;
import com.webriskops.webhooks.idempotency.IdempotentResponseStore.StoredResponse;
import com.webriskops.webhooks.store.StoreException;
import jakarta.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An {@link IdempotentResponseStore} in a database table ({@code <prefix>idempotent_responses},
 * created by the {@code V2} migration), shared by every instance of a service that uses the same
 * database. Obtain one from {@link JdbiStores#idempotentResponseStore()}.
 *
 * <p>{@link #claim} is one atomic statement (one round trip) that inserts the scoped key, or takes it
 * over when its lease or time to live has run out, and returns the row as it is afterwards, stored
 * answer included: PostgreSQL {@code INSERT ... ON CONFLICT DO UPDATE ... RETURNING}, MariaDB {@code
 * INSERT ... ON DUPLICATE KEY UPDATE ... RETURNING}, H2 {@code SELECT ... FROM FINAL TABLE (MERGE
 * ...)}. The claim is won when the returned token is the one this call generated (a random UUID).
 * Completing or releasing acts only when the token matches. Times are stored as epoch milliseconds.
 *
 * <p>Immutable and thread-safe; every call borrows a connection for one statement and returns it.
 */
public final class JdbiIdempotentResponseStore implements IdempotentResponseStore {
    private final ResponseSql sql;
    private final String table;
    private final int purgeBatchSize;

    JdbiIdempotentResponseStore(ResponseSql sql, String tablePrefix, int purgeBatchSize) {
        this.sql = sql;
        this.table = tablePrefix + "idempotent_responses";
        this.purgeBatchSize = purgeBatchSize;
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreException if the database could not be reached or the statement failed; the message
     *     holds neither the key nor SQL, the cause holds the driver's exception
     * @throws IllegalArgumentException if {@code lease} is not positive
     * @throws NullPointerException if an argument is null
     */
    @Override
    public KeyClaim claim(String scope, String key, String fingerprint, Instant now, Duration lease) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(lease, "lease");
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("lease must be positive, not " + lease);
        }
        String token = UUID.randomUUID().toString();
        long nowMs = Times.epochMillis(now);
        long leaseEndMs = Times.epochMillis(now.plus(lease));
        ResponseRow row = StoreErrors.run(
                "claim an idempotent request key", () -> sql.claim(scope, key, fingerprint, token, nowMs, leaseEndMs));
        if (row == null) {
            throw new StoreException("The idempotent request key claim returned no row");
        }
        return new KeyClaim(token.equals(row.token()), toRecord(row));
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreException if the database could not be reached or the statement failed
     * @throws NullPointerException if an argument is null
     */
    @Override
    public boolean complete(
            String scope, String key, String token, StoredResponse response, Instant now, Duration timeToLive) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(response, "response");
        long expiresAtMs = Times.epochMillis(now.plus(timeToLive));
        return StoreErrors.run(
                        "store an idempotent answer",
                        () -> sql.complete(
                                scope,
                                key,
                                token,
                                response.status(),
                                response.contentType(),
                                response.body(),
                                expiresAtMs))
                > 0;
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreException if the database could not be reached or the statement failed
     * @throws NullPointerException if an argument is null
     */
    @Override
    public boolean release(String scope, String key, String token) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(token, "token");
        return StoreErrors.run("release an idempotent request key", () -> sql.release(scope, key, token)) > 0;
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreException if the database could not be reached or the statement failed
     */
    @Override
    @Nullable
    public IdempotencyRecord find(String scope, String key, Instant now) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(key, "key");
        long nowMs = Times.epochMillis(now);
        ResponseRow row = StoreErrors.run("read an idempotent request key", () -> sql.find(scope, key, nowMs));
        return row == null ? null : toRecord(row);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Deletes in batches of at most the builder's {@linkplain JdbiStores.Builder#purgeBatchSize
     * purge batch size}, each its own short statement.
     *
     * @throws StoreException if the database could not be reached or a statement failed
     * @throws IllegalArgumentException if {@code limit} is negative
     */
    @Override
    public int purgeExpired(Instant now, int limit) {
        return Batches.purgeExpired("purge expired idempotent answers", now, limit, purgeBatchSize, sql::purge);
    }

    private static IdempotencyRecord toRecord(ResponseRow row) {
        StoredResponse response = null;
        if (row.token() == null) {
            if (row.status() == null) {
                throw new StoreException("An idempotent answer row holds neither a claim nor an answer");
            }
            response =
                    new StoredResponse(row.status(), row.contentType(), row.body() == null ? new byte[0] : row.body());
        }
        return new IdempotencyRecord(
                row.scope(),
                row.key(),
                row.fingerprint(),
                row.token(),
                Instant.ofEpochMilli(row.expiresAtMs()),
                response);
    }

    @Override
    public String toString() {
        return "JdbiIdempotentResponseStore[table=" + table + "]";
    }
}
