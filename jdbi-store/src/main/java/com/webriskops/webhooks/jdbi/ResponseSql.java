package com.webriskops.webhooks.jdbi;

import jakarta.annotation.Nullable;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * The idempotent response store's statements, each one round trip, built once with the table name
 * (from a validated prefix) and run through {@link Statements}. Complete, release and find read the
 * same on every dialect; only the claim and the purge ({@link Statements#purgeExpired}) differ. Times
 * are epoch milliseconds. Immutable and thread-safe.
 *
 * <ul>
 *   <li>PostgreSQL: the claim is {@code INSERT ... ON CONFLICT DO UPDATE ... RETURNING}, which locks
 *       the conflicting row and re-checks the expiry on its newest version; every {@code CASE} reads the
 *       old row.
 *   <li>MariaDB (10.5 or later): the claim is {@code INSERT ... ON DUPLICATE KEY UPDATE ...
 *       RETURNING}. MySQL assigns left to right, so every {@code IF} tests the old expiry and {@code
 *       expires_at_ms} itself is assigned last. The writer tells a won claim by the returned token.
 *   <li>H2: the claim is {@code MERGE INTO ... USING} read back through {@code FINAL TABLE}. Two
 *       sessions inserting the same new key at once make the later one fail with a unique-key
 *       violation; the caller repeats the statement, which then finds the committed row.
 * </ul>
 */
final class ResponseSql {
    /** The columns every read returns. */
    private static final String COLUMNS =
            "scope, idem_key, fingerprint, token, expires_at_ms, status_code, content_type, body";

    private final Jdbi jdbi;
    private final String claim;
    private final String complete;
    private final String release;
    private final String find;
    private final String purge;

    /** The statements of {@code dialect} on the table {@code <tablePrefix>idempotent_responses}. */
    ResponseSql(Jdbi jdbi, SqlDialect dialect, String tablePrefix) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        String table = tablePrefix + "idempotent_responses";
        this.complete = "UPDATE " + table + " SET token = NULL, status_code = :status, content_type = :contentType,"
                + " body = :body, expires_at_ms = :expiresAtMs WHERE scope = :scope AND idem_key = :key AND token = :token";
        this.release = "DELETE FROM " + table + " WHERE scope = :scope AND idem_key = :key AND token = :token";
        this.find = "SELECT " + COLUMNS + " FROM " + table
                + " WHERE scope = :scope AND idem_key = :key AND expires_at_ms > :nowMs";
        this.purge = Statements.purgeExpired(dialect, table, "scope, idem_key");
        switch (dialect) {
            case POSTGRESQL:
                this.claim = "INSERT INTO " + table + " AS t (scope, idem_key, fingerprint, token, expires_at_ms)"
                        + " VALUES (:scope, :key, :fingerprint, :token, :leaseEndMs)"
                        + " ON CONFLICT (scope, idem_key) DO UPDATE SET"
                        + " fingerprint = CASE WHEN t.expires_at_ms <= :nowMs THEN EXCLUDED.fingerprint"
                        + " ELSE t.fingerprint END,"
                        + " token = CASE WHEN t.expires_at_ms <= :nowMs THEN EXCLUDED.token ELSE t.token END,"
                        + " status_code = CASE WHEN t.expires_at_ms <= :nowMs THEN NULL ELSE t.status_code END,"
                        + " content_type = CASE WHEN t.expires_at_ms <= :nowMs THEN NULL ELSE t.content_type END,"
                        + " body = CASE WHEN t.expires_at_ms <= :nowMs THEN NULL ELSE t.body END,"
                        + " expires_at_ms = CASE WHEN t.expires_at_ms <= :nowMs THEN EXCLUDED.expires_at_ms"
                        + " ELSE t.expires_at_ms END"
                        + " RETURNING " + COLUMNS;
                break;
            case MARIADB:
                this.claim = "INSERT INTO " + table + " (scope, idem_key, fingerprint, token, expires_at_ms)"
                        + " VALUES (:scope, :key, :fingerprint, :token, :leaseEndMs)"
                        + " ON DUPLICATE KEY UPDATE"
                        + " fingerprint = IF(expires_at_ms <= :nowMs, VALUES(fingerprint), fingerprint),"
                        + " token = IF(expires_at_ms <= :nowMs, VALUES(token), token),"
                        + " status_code = IF(expires_at_ms <= :nowMs, NULL, status_code),"
                        + " content_type = IF(expires_at_ms <= :nowMs, NULL, content_type),"
                        + " body = IF(expires_at_ms <= :nowMs, NULL, body),"
                        + " expires_at_ms = IF(expires_at_ms <= :nowMs, VALUES(expires_at_ms), expires_at_ms)"
                        + " RETURNING " + COLUMNS;
                break;
            case H2:
            default:
                this.claim = "SELECT " + COLUMNS + " FROM FINAL TABLE (MERGE INTO " + table + " t USING (VALUES"
                        + " (CAST(:scope AS VARCHAR(128)), CAST(:key AS VARCHAR(255)), CAST(:fingerprint AS VARCHAR(64)),"
                        + " CAST(:token AS VARCHAR(36)), CAST(:leaseEndMs AS BIGINT)))"
                        + " s(scope, idem_key, fingerprint, token, expires_at_ms)"
                        + " ON t.scope = s.scope AND t.idem_key = s.idem_key"
                        + " WHEN MATCHED THEN UPDATE SET"
                        + " fingerprint = CASE WHEN t.expires_at_ms <= :nowMs THEN s.fingerprint ELSE t.fingerprint END,"
                        + " token = CASE WHEN t.expires_at_ms <= :nowMs THEN s.token ELSE t.token END,"
                        + " status_code = CASE WHEN t.expires_at_ms <= :nowMs THEN NULL ELSE t.status_code END,"
                        + " content_type = CASE WHEN t.expires_at_ms <= :nowMs THEN NULL ELSE t.content_type END,"
                        + " body = CASE WHEN t.expires_at_ms <= :nowMs THEN NULL ELSE t.body END,"
                        + " expires_at_ms = CASE WHEN t.expires_at_ms <= :nowMs THEN s.expires_at_ms"
                        + " ELSE t.expires_at_ms END"
                        + " WHEN NOT MATCHED THEN INSERT (scope, idem_key, fingerprint, token, expires_at_ms)"
                        + " VALUES (s.scope, s.idem_key, s.fingerprint, s.token, s.expires_at_ms))";
                break;
        }
    }

    /**
     * Claims the scoped key under {@code token} unless an unexpired row holds it, replacing an expired
     * row, and returns the row as it is afterwards (the claim is won when its token is {@code token}),
     * or null if the statement returned no row.
     */
    @Nullable
    ResponseRow claim(String scope, String key, String fingerprint, String token, long nowMs, long leaseEndMs) {
        return jdbi.withHandle(handle -> Statements.query(handle, claim)
                .bind("scope", scope)
                .bind("key", key)
                .bind("fingerprint", fingerprint)
                .bind("token", token)
                .bind("leaseEndMs", leaseEndMs)
                .bind("nowMs", nowMs)
                .map(ResponseRow::map)
                .findFirst()
                .orElse(null));
    }

    /** Stores the answer if the key is held under {@code token}; returns the rows changed. */
    int complete(
            String scope,
            String key,
            String token,
            int status,
            @Nullable String contentType,
            byte[] body,
            long expiresAtMs) {
        return Statements.execute(
                jdbi,
                complete,
                update -> update.bind("status", status)
                        .bind("contentType", contentType)
                        .bind("body", body)
                        .bind("expiresAtMs", expiresAtMs)
                        .bind("scope", scope)
                        .bind("key", key)
                        .bind("token", token));
    }

    /** Deletes the key if it is held under {@code token}; returns the rows deleted. */
    int release(String scope, String key, String token) {
        return Statements.execute(
                jdbi,
                release,
                update -> update.bind("scope", scope).bind("key", key).bind("token", token));
    }

    /** The key's row unless it expired at or before {@code nowMs}, or null. */
    @Nullable
    ResponseRow find(String scope, String key, long nowMs) {
        return jdbi.withHandle(handle -> Statements.query(handle, find)
                .bind("scope", scope)
                .bind("key", key)
                .bind("nowMs", nowMs)
                .map(ResponseRow::map)
                .findFirst()
                .orElse(null));
    }

    /** Deletes at most {@code limit} rows that expired at or before {@code nowMs}. */
    int purge(long nowMs, int limit) {
        return Statements.purge(jdbi, purge, nowMs, limit);
    }
}
