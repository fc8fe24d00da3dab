package com.webriskops.webhooks.jdbi.internal;

import com.webriskops.webhooks.jdbi.SqlDialect;
import java.sql.SQLException;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The nonce and idempotency-key statements of one dialect, each one round trip, rendered once with
 * the table names (from a validated prefix) and run through {@link DirectSql}. Times are epoch
 * milliseconds. Immutable and thread-safe.
 *
 * <ul>
 *   <li>PostgreSQL: {@code INSERT ... ON CONFLICT DO UPDATE}, which locks the conflicting row and
 *       re-checks its condition on the newest row version, so concurrent writers are serialised.
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
public final class StoreSql {
    private final DirectSql db;
    private final SqlDialect dialect;
    private final String recordNonce;
    private final String claim;
    private final String complete;
    private final String release;
    private final String purgeNonces;
    private final String purgeKeys;

    /** The statements of {@code dialect} on the tables {@code <tablePrefix>nonces} and {@code idempotency_keys}. */
    public StoreSql(DirectSql db, SqlDialect dialect, String tablePrefix) {
        this.db = Objects.requireNonNull(db, "db");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        String nonces = tablePrefix + "nonces";
        String keys = tablePrefix + "idempotency_keys";
        this.complete = "UPDATE " + keys + " SET token = NULL, expires_at_ms = ? WHERE idem_key = ? AND token = ?";
        this.release = "DELETE FROM " + keys + " WHERE idem_key = ? AND token = ?";
        switch (dialect) {
            case POSTGRESQL:
                this.recordNonce = "INSERT INTO " + nonces + " AS t (nonce, expires_at_ms) VALUES (?, ?)"
                        + " ON CONFLICT (nonce) DO UPDATE SET expires_at_ms = EXCLUDED.expires_at_ms"
                        + " WHERE t.expires_at_ms <= ?";
                this.claim = "INSERT INTO " + keys + " AS t (idem_key, token, expires_at_ms) VALUES (?, ?, ?)"
                        + " ON CONFLICT (idem_key) DO UPDATE SET"
                        + " token = CASE WHEN t.expires_at_ms <= ? THEN EXCLUDED.token ELSE t.token END,"
                        + " expires_at_ms = CASE WHEN t.expires_at_ms <= ?"
                        + " THEN EXCLUDED.expires_at_ms ELSE t.expires_at_ms END"
                        + " RETURNING token, expires_at_ms";
                this.purgeNonces =
                        "DELETE FROM " + nonces + " WHERE expires_at_ms <= ? AND nonce IN (SELECT nonce FROM " + nonces
                                + " WHERE expires_at_ms <= ? LIMIT ? FOR UPDATE SKIP LOCKED)";
                this.purgeKeys =
                        "DELETE FROM " + keys + " WHERE expires_at_ms <= ? AND idem_key IN (SELECT idem_key FROM "
                                + keys + " WHERE expires_at_ms <= ? LIMIT ? FOR UPDATE SKIP LOCKED)";
                break;
            case MARIADB:
                this.recordNonce = "INSERT INTO " + nonces + " (nonce, write_id, expires_at_ms) VALUES (?, ?, ?)"
                        + " ON DUPLICATE KEY UPDATE"
                        + " write_id = IF(expires_at_ms <= ?, VALUES(write_id), write_id),"
                        + " expires_at_ms = IF(expires_at_ms <= ?, VALUES(expires_at_ms), expires_at_ms)"
                        + " RETURNING write_id";
                this.claim = "INSERT INTO " + keys + " (idem_key, token, expires_at_ms) VALUES (?, ?, ?)"
                        + " ON DUPLICATE KEY UPDATE"
                        + " token = IF(expires_at_ms <= ?, VALUES(token), token),"
                        + " expires_at_ms = IF(expires_at_ms <= ?, VALUES(expires_at_ms), expires_at_ms)"
                        + " RETURNING token, expires_at_ms";
                this.purgeNonces = "DELETE FROM " + nonces + " WHERE expires_at_ms <= ? ORDER BY expires_at_ms LIMIT ?";
                this.purgeKeys = "DELETE FROM " + keys + " WHERE expires_at_ms <= ? ORDER BY expires_at_ms LIMIT ?";
                break;
            case H2:
            default:
                this.recordNonce = "MERGE INTO " + nonces + " t USING (VALUES (CAST(? AS VARCHAR(128)),"
                        + " CAST(? AS BIGINT))) s(nonce, expires_at_ms) ON t.nonce = s.nonce"
                        + " WHEN MATCHED AND t.expires_at_ms <= ? THEN UPDATE SET expires_at_ms = s.expires_at_ms"
                        + " WHEN NOT MATCHED THEN INSERT (nonce, expires_at_ms) VALUES (s.nonce, s.expires_at_ms)";
                this.claim = "SELECT token, expires_at_ms FROM FINAL TABLE (MERGE INTO " + keys + " t USING (VALUES"
                        + " (CAST(? AS VARCHAR(255)), CAST(? AS VARCHAR(36)), CAST(? AS BIGINT)))"
                        + " s(idem_key, token, expires_at_ms) ON t.idem_key = s.idem_key"
                        + " WHEN MATCHED THEN UPDATE SET"
                        + " token = CASE WHEN t.expires_at_ms <= ? THEN s.token ELSE t.token END,"
                        + " expires_at_ms = CASE WHEN t.expires_at_ms <= ? THEN s.expires_at_ms"
                        + " ELSE t.expires_at_ms END"
                        + " WHEN NOT MATCHED THEN INSERT (idem_key, token, expires_at_ms)"
                        + " VALUES (s.idem_key, s.token, s.expires_at_ms))";
                this.purgeNonces = "DELETE FROM " + nonces + " WHERE expires_at_ms <= ? FETCH FIRST ? ROWS ONLY";
                this.purgeKeys = "DELETE FROM " + keys + " WHERE expires_at_ms <= ? FETCH FIRST ? ROWS ONLY";
                break;
        }
    }

    /** Inserts the nonce, or re-records it when its entry expired at or before {@code nowMs}. */
    public boolean recordNonce(String nonce, long nowMs, long expiresAtMs) throws SQLException {
        if (dialect == SqlDialect.MARIADB) {
            long writeId = ThreadLocalRandom.current().nextLong();
            Long written =
                    db.queryFirst(recordNonce, rs -> rs.getLong("write_id"), nonce, writeId, expiresAtMs, nowMs, nowMs);
            return written != null && written == writeId;
        }
        return db.update(recordNonce, nonce, expiresAtMs, nowMs) > 0;
    }

    /**
     * Claims the key under {@code token} unless an unexpired row holds it, and returns the row as it
     * is afterwards: the claim is won when the row's token is {@code token}.
     */
    public ClaimRow claim(String key, String token, long nowMs, long leaseEndMs) throws SQLException {
        ClaimRow row = db.queryFirst(
                claim,
                rs -> new ClaimRow(rs.getString("token"), rs.getLong("expires_at_ms")),
                key,
                token,
                leaseEndMs,
                nowMs,
                nowMs);
        if (row == null) {
            throw new SQLException("the idempotency key claim returned no row");
        }
        return row;
    }

    /** Completes the key if it is held under {@code token}; returns the rows changed. */
    public int complete(String key, String token, long retentionEndMs) throws SQLException {
        return db.update(complete, retentionEndMs, key, token);
    }

    /** Deletes the key if it is held under {@code token}; returns the rows deleted. */
    public int release(String key, String token) throws SQLException {
        return db.update(release, key, token);
    }

    /** Deletes at most {@code limit} nonces that expired at or before {@code nowMs}. */
    public int purgeNonces(long nowMs, int limit) throws SQLException {
        return purge(purgeNonces, nowMs, limit);
    }

    /** Deletes at most {@code limit} keys whose lease or retention ended at or before {@code nowMs}. */
    public int purgeKeys(long nowMs, int limit) throws SQLException {
        return purge(purgeKeys, nowMs, limit);
    }

    private int purge(String sql, long nowMs, int limit) throws SQLException {
        return dialect == SqlDialect.POSTGRESQL ? db.update(sql, nowMs, nowMs, limit) : db.update(sql, nowMs, limit);
    }
}
