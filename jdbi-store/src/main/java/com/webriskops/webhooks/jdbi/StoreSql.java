package com.webriskops.webhooks.jdbi;

import jakarta.annotation.Nullable;
import java.sql.ResultSet;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * The nonce and idempotency-key statements of one dialect, each one round trip, built once with the
 * table names (from a validated prefix) and run through {@link Statements} on handles of the stores'
 * {@link Jdbi}. Times are epoch milliseconds. Immutable and thread-safe.
 *
 * <ul>
 *   <li>PostgreSQL: {@code INSERT ... ON CONFLICT DO UPDATE ... WHERE}, which locks the conflicting row
 *       and re-checks its condition on the newest row version, so concurrent writers are serialised;
 *       the update count tells a won claim or a recorded nonce (one round trip) from a conflict. A
 *       claim that finds its key held reads the holder's row in a second statement.
 *   <li>MariaDB (10.5 or later): {@code INSERT ... ON DUPLICATE KEY UPDATE ... RETURNING}, which locks
 *       the existing row and returns it as written. Row counts are not used to tell an insert from a
 *       duplicate, because they depend on the connection's {@code useAffectedRows} setting; instead
 *       the writer compares the returned {@code write_id} or token with its own. MySQL assigns left to
 *       right, so each {@code IF} tests the old expiry before {@code expires_at_ms} itself is assigned
 *       last.
 *   <li>H2: {@code MERGE INTO ... USING}, read back through {@code FINAL TABLE}. Two sessions inserting
 *       the same new key at once make the later one fail with a unique-key violation; the caller
 *       repeats the statement, which then finds the committed row.
 * </ul>
 */
final class StoreSql {
    /** How often a PostgreSQL claim is tried when the row holding its key vanishes right after. */
    private static final int MAX_CLAIM_ATTEMPTS = 3;

    private final Jdbi jdbi;
    /** The data source of a Jdbi the stores made themselves, or null when the application gave its own. */
    private final @Nullable DataSource own;

    private final SqlDialect dialect;
    private final String recordNonce;
    private final String claim;
    private final @Nullable String readClaim;
    private final String complete;
    private final String release;
    private final String purgeNonces;
    private final String purgeKeys;

    /** The statements of {@code dialect} on the tables {@code <tablePrefix>nonces} and {@code idempotency_keys}. */
    StoreSql(Jdbi jdbi, @Nullable DataSource own, SqlDialect dialect, String tablePrefix) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.own = own;
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        String nonces = tablePrefix + "nonces";
        String keys = tablePrefix + "idempotency_keys";
        // Plain JDBC parameters in every dialect: complete runs on every delivery (see Statements.jdbc).
        this.complete = "UPDATE " + keys + " SET token = NULL, expires_at_ms = ? WHERE idem_key = ? AND token = ?";
        this.release = "DELETE FROM " + keys + " WHERE idem_key = ? AND token = ?";
        this.purgeNonces = Statements.purgeExpired(dialect, nonces, "nonce");
        this.purgeKeys = Statements.purgeExpired(dialect, keys, "idem_key");
        switch (dialect) {
            case POSTGRESQL:
                // Plain JDBC parameters: these two run on every request (see Statements.jdbc).
                this.recordNonce = "INSERT INTO " + nonces + " AS t (nonce, expires_at_ms) VALUES (?, ?)"
                        + " ON CONFLICT (nonce) DO UPDATE SET expires_at_ms = EXCLUDED.expires_at_ms"
                        + " WHERE t.expires_at_ms <= ?";
                // Won (a new key, or an expired row taken over): one row written, update count 1. Held
                // by an unexpired row: nothing written (no dead row version), count 0; only then is the
                // row read, in a second statement (a duplicate's answer needs its state).
                this.claim = "INSERT INTO " + keys + " AS t (idem_key, token, expires_at_ms)"
                        + " VALUES (?, ?, ?)"
                        + " ON CONFLICT (idem_key) DO UPDATE SET"
                        + " token = EXCLUDED.token, expires_at_ms = EXCLUDED.expires_at_ms"
                        + " WHERE t.expires_at_ms <= ?";
                this.readClaim = "SELECT token, expires_at_ms FROM " + keys + " WHERE idem_key = ?";
                break;
            case MARIADB:
                this.recordNonce = "INSERT INTO " + nonces + " (nonce, write_id, expires_at_ms)"
                        + " VALUES (:nonce, :writeId, :expiresAtMs)"
                        + " ON DUPLICATE KEY UPDATE"
                        + " write_id = IF(expires_at_ms <= :nowMs, VALUES(write_id), write_id),"
                        + " expires_at_ms = IF(expires_at_ms <= :nowMs, VALUES(expires_at_ms), expires_at_ms)"
                        + " RETURNING write_id";
                this.claim =
                        "INSERT INTO " + keys + " (idem_key, token, expires_at_ms) VALUES (:key, :token, :leaseEndMs)"
                                + " ON DUPLICATE KEY UPDATE"
                                + " token = IF(expires_at_ms <= :nowMs, VALUES(token), token),"
                                + " expires_at_ms = IF(expires_at_ms <= :nowMs, VALUES(expires_at_ms), expires_at_ms)"
                                + " RETURNING token, expires_at_ms";
                this.readClaim = null;
                break;
            case H2:
            default:
                this.recordNonce = "MERGE INTO " + nonces + " t USING (VALUES (CAST(:nonce AS VARCHAR(512)),"
                        + " CAST(:expiresAtMs AS BIGINT))) s(nonce, expires_at_ms) ON t.nonce = s.nonce"
                        + " WHEN MATCHED AND t.expires_at_ms <= :nowMs THEN UPDATE SET expires_at_ms = s.expires_at_ms"
                        + " WHEN NOT MATCHED THEN INSERT (nonce, expires_at_ms) VALUES (s.nonce, s.expires_at_ms)";
                this.claim = "SELECT token, expires_at_ms FROM FINAL TABLE (MERGE INTO " + keys + " t USING (VALUES"
                        + " (CAST(:key AS VARCHAR(512)), CAST(:token AS VARCHAR(36)), CAST(:leaseEndMs AS BIGINT)))"
                        + " s(idem_key, token, expires_at_ms) ON t.idem_key = s.idem_key"
                        + " WHEN MATCHED THEN UPDATE SET"
                        + " token = CASE WHEN t.expires_at_ms <= :nowMs THEN s.token ELSE t.token END,"
                        + " expires_at_ms = CASE WHEN t.expires_at_ms <= :nowMs THEN s.expires_at_ms"
                        + " ELSE t.expires_at_ms END"
                        + " WHEN NOT MATCHED THEN INSERT (idem_key, token, expires_at_ms)"
                        + " VALUES (s.idem_key, s.token, s.expires_at_ms))";
                this.readClaim = null;
                break;
        }
    }

    /** Inserts the nonce, or re-records it when its entry expired at or before {@code nowMs}. */
    boolean recordNonce(String nonce, long nowMs, long expiresAtMs) {
        if (dialect == SqlDialect.MARIADB) {
            long writeId = ThreadLocalRandom.current().nextLong();
            Long written = jdbi.withHandle(handle -> Statements.query(handle, recordNonce)
                    .bind("nonce", nonce)
                    .bind("writeId", writeId)
                    .bind("expiresAtMs", expiresAtMs)
                    .bind("nowMs", nowMs)
                    .mapTo(Long.class)
                    .findFirst()
                    .orElse(null));
            return written != null && written == writeId;
        }
        if (dialect == SqlDialect.POSTGRESQL) {
            return onConnection(connection -> Statements.jdbc(connection, recordNonce, statement -> {
                        statement.setString(1, nonce);
                        statement.setLong(2, expiresAtMs);
                        statement.setLong(3, nowMs);
                        return statement.executeUpdate();
                    }))
                    > 0;
        }
        return Statements.execute(
                        jdbi,
                        recordNonce,
                        update -> update.bind("nonce", nonce)
                                .bind("expiresAtMs", expiresAtMs)
                                .bind("nowMs", nowMs))
                > 0;
    }

    /**
     * Claims the key under {@code token} unless an unexpired row holds it, and returns the row as it
     * is afterwards (the claim is won when the row's token is {@code token}), or null if the statement
     * returned no row.
     */
    @Nullable
    ClaimRow claim(String key, String token, long nowMs, long leaseEndMs) {
        if (dialect == SqlDialect.POSTGRESQL) {
            return onConnection(connection -> {
                for (int attempt = 1; ; attempt++) {
                    int won = Statements.jdbc(connection, claim, statement -> {
                        statement.setString(1, key);
                        statement.setString(2, token);
                        statement.setLong(3, leaseEndMs);
                        statement.setLong(4, nowMs);
                        return statement.executeUpdate();
                    });
                    if (won > 0) {
                        return new ClaimRow(token, leaseEndMs);
                    }
                    ClaimRow held = Statements.jdbc(connection, Objects.requireNonNull(readClaim), statement -> {
                        statement.setString(1, key);
                        try (ResultSet row = statement.executeQuery()) {
                            return row.next() ? new ClaimRow(row.getString(1), row.getLong(2)) : null;
                        }
                    });
                    // Released or purged between the two statements: claim again.
                    if (held != null || attempt >= MAX_CLAIM_ATTEMPTS) {
                        return held;
                    }
                }
            });
        }
        return jdbi.withHandle(handle -> Statements.query(handle, claim)
                .bind("key", key)
                .bind("token", token)
                .bind("leaseEndMs", leaseEndMs)
                .bind("nowMs", nowMs)
                .map(ClaimRow::map)
                .findFirst()
                .orElse(null));
    }

    private <T> T onConnection(Statements.ConnectionCall<T> call) {
        return Statements.onConnection(jdbi, own, call);
    }

    /** Completes the key if it is held under {@code token}; returns the rows changed. */
    int complete(String key, String token, long retentionEndMs) {
        return onConnection(connection -> Statements.jdbc(connection, complete, statement -> {
            statement.setLong(1, retentionEndMs);
            statement.setString(2, key);
            statement.setString(3, token);
            return statement.executeUpdate();
        }));
    }

    /** Deletes the key if it is held under {@code token}; returns the rows deleted. */
    int release(String key, String token) {
        return onConnection(connection -> Statements.jdbc(connection, release, statement -> {
            statement.setString(1, key);
            statement.setString(2, token);
            return statement.executeUpdate();
        }));
    }

    /** Deletes at most {@code limit} nonces that expired at or before {@code nowMs}. */
    int purgeNonces(long nowMs, int limit) {
        return Statements.purge(jdbi, purgeNonces, nowMs, limit);
    }

    /** Deletes at most {@code limit} keys whose lease or retention ended at or before {@code nowMs}. */
    int purgeKeys(long nowMs, int limit) {
        return Statements.purge(jdbi, purgeKeys, nowMs, limit);
    }
}
