package com.webriskops.webhooks.jdbi.internal;

import com.webriskops.webhooks.jdbi.SqlDialect;
import jakarta.annotation.Nullable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

/**
 * The delivery outbox's statements, rendered once with the table names (from a validated prefix) and
 * run through {@link DirectSql}. Times are epoch milliseconds. Assignments that read another column
 * come before that column is assigned, because MariaDB assigns left to right. Each write-back is one
 * short transaction. Immutable and thread-safe.
 *
 * <ul>
 *   <li>PostgreSQL: a claim is one statement, {@code UPDATE ... FROM (SELECT ... FOR UPDATE SKIP
 *       LOCKED) RETURNING}, so concurrent dispatchers take disjoint rows without waiting for each
 *       other.
 *   <li>MariaDB (10.6 or later for {@code SKIP LOCKED}; MariaDB has no {@code UPDATE ... RETURNING}): a
 *       claim is one short transaction that selects due rows {@code FOR UPDATE SKIP LOCKED}, updates
 *       them by id and reads them back.
 *   <li>H2: a claim is one statement, {@code UPDATE} read back through {@code FINAL TABLE}. H2 has no
 *       {@code SKIP LOCKED}: a session that meets a row another session is claiming waits for it, then
 *       re-checks the row's due time on the committed version and skips it, so a claim may return fewer
 *       rows than are due while others claim (never the same row twice).
 * </ul>
 */
public final class DeliverySql {
    private static final DeliveryRowMapper DELIVERY = new DeliveryRowMapper();
    private static final AttemptRowMapper ATTEMPT = new AttemptRowMapper();
    private static final DirectSql.RowReader<DeliveryRow> DELIVERY_ROW = rs -> DELIVERY.map(rs, null);
    private static final DirectSql.RowReader<AttemptRow> ATTEMPT_ROW = rs -> ATTEMPT.map(rs, null);

    private final DirectSql db;
    private final SqlDialect dialect;
    private final String deliveries;
    private final String attempts;
    private final String insertIfAbsent;
    private final String claim;
    private final String lockDue;
    private final String findRow;
    private final String findRowByKey;
    private final String listRows;
    private final String listRowsWithStatus;
    private final String backlog;
    private final String markWritten;
    private final String writeBackInOne;
    private final String logCount;
    private final String insertAttempt;
    private final String trimAttempts;
    private final String release;
    private final String retryOnRequest;

    /** The statements of {@code dialect} on {@code <tablePrefix>deliveries} and {@code delivery_attempts}. */
    public DeliverySql(DirectSql db, SqlDialect dialect, String tablePrefix) {
        this.db = Objects.requireNonNull(db, "db");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        String d = tablePrefix + "deliveries";
        String a = tablePrefix + "delivery_attempts";
        this.deliveries = d;
        this.attempts = a;
        String columns = " (idempotency_key, target_id, provider_key, signing_status, export_json, status,"
                + " attempts, round_attempts, next_attempt_at_ms, due_at_ms, fencing_token, log_count,"
                + " created_at_ms, updated_at_ms)";
        switch (dialect) {
            case POSTGRESQL:
                this.insertIfAbsent = "INSERT INTO " + d + columns
                        + " VALUES (?, ?, ?, ?, ?, 'pending', 0, 0, ?, ?, 0, 0, ?, ?)"
                        + " ON CONFLICT (idempotency_key) DO NOTHING";
                this.claim = "UPDATE " + d + " t SET" + claimAssignments("t.") + " FROM (SELECT id FROM " + d
                        + " WHERE due_at_ms <= ? ORDER BY due_at_ms, id LIMIT ? FOR UPDATE SKIP LOCKED) due"
                        + " WHERE t.id = due.id RETURNING t.*";
                this.lockDue = null;
                break;
            case MARIADB:
                this.insertIfAbsent = "INSERT INTO " + d + columns
                        + " VALUES (?, ?, ?, ?, ?, 'pending', 0, 0, ?, ?, 0, 0, ?, ?)"
                        + " ON DUPLICATE KEY UPDATE id = id";
                this.lockDue = "SELECT id FROM " + d + " WHERE due_at_ms <= ? ORDER BY due_at_ms, id LIMIT ?"
                        + " FOR UPDATE SKIP LOCKED";
                // Completed per call with the locked ids.
                this.claim = "UPDATE " + d + " SET" + claimAssignments("") + " WHERE id IN (";
                break;
            case H2:
            default:
                this.insertIfAbsent = "MERGE INTO " + d + " t USING (VALUES (CAST(? AS VARCHAR(255))))"
                        + " s(idempotency_key) ON t.idempotency_key = s.idempotency_key"
                        + " WHEN NOT MATCHED THEN INSERT" + columns
                        + " VALUES (s.idempotency_key, ?, ?, ?, ?, 'pending', 0, 0, ?, ?, 0, 0, ?, ?)";
                this.claim = "SELECT * FROM FINAL TABLE (UPDATE " + d + " t SET" + claimAssignments("t.")
                        + " WHERE t.due_at_ms <= ? AND t.id IN (SELECT id FROM " + d + " WHERE due_at_ms <= ?"
                        + " ORDER BY due_at_ms, id FETCH FIRST ? ROWS ONLY))";
                this.lockDue = null;
                break;
        }
        this.findRow = "SELECT * FROM " + d + " WHERE id = ?";
        this.findRowByKey = "SELECT * FROM " + d + " WHERE idempotency_key = ?";
        this.listRows = "SELECT * FROM " + d + " ORDER BY id LIMIT ?";
        this.listRowsWithStatus = "SELECT * FROM " + d + " WHERE status = ? ORDER BY id LIMIT ?";
        this.backlog = "SELECT COUNT(*), MIN(CASE WHEN due_at_ms <= ? THEN due_at_ms END) FROM " + d
                + " WHERE due_at_ms IS NOT NULL";
        this.markWritten = "UPDATE " + d + " SET status = ?, status_before_claim = NULL,"
                + " next_attempt_at_ms = ?, due_at_ms = ?, lease_owner = NULL, lease_expires_at_ms = NULL,"
                + " log_count = log_count + 1, updated_at_ms = ?"
                + " WHERE id = ? AND fencing_token = ? AND status = 'sending'";
        this.logCount = "SELECT log_count FROM " + d + " WHERE id = ?";
        // PostgreSQL runs every data-modifying WITH part once, in one statement (one round trip, atomic);
        // the trim cannot see the row inserted beside it, and needs not: it deletes older entries.
        this.writeBackInOne = "WITH w AS (UPDATE " + d + " SET status = ?, status_before_claim = NULL,"
                + " next_attempt_at_ms = ?, due_at_ms = ?, lease_owner = NULL, lease_expires_at_ms = NULL,"
                + " log_count = log_count + 1, updated_at_ms = ?"
                + " WHERE id = ? AND fencing_token = ? AND status = 'sending' RETURNING id, log_count),"
                + " logged AS (INSERT INTO " + a + " (delivery_id, log_seq, attempt, status, code, http_status,"
                + " message, retry_after_ms, response_snippet, request_sent, started_at_ms, finished_at_ms)"
                + " SELECT w.id, w.log_count, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM w),"
                + " trimmed AS (DELETE FROM " + a + " WHERE delivery_id = ?"
                + " AND log_seq <= (SELECT w.log_count - ? FROM w))"
                + " SELECT COUNT(*) FROM w";
        this.insertAttempt = "INSERT INTO " + a + " (delivery_id, log_seq, attempt, status, code, http_status, message,"
                + " retry_after_ms, response_snippet, request_sent, started_at_ms, finished_at_ms)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        this.trimAttempts = "DELETE FROM " + a + " WHERE delivery_id = ? AND log_seq <= ?";
        this.release = "UPDATE " + d + " SET"
                + " round_started_at_ms = CASE WHEN round_attempts <= 1 THEN NULL ELSE round_started_at_ms END,"
                + " round_attempts = CASE WHEN round_attempts > 0 THEN round_attempts - 1 ELSE 0 END,"
                + " attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END,"
                + " status = COALESCE(status_before_claim, 'pending'), status_before_claim = NULL,"
                + " next_attempt_at_ms = ?, due_at_ms = ?, lease_owner = NULL, lease_expires_at_ms = NULL,"
                + " updated_at_ms = ?"
                + " WHERE id = ? AND fencing_token = ? AND status = 'sending'";
        this.retryOnRequest = "UPDATE " + d + " SET status = 'pending', round_attempts = 0, round_started_at_ms = NULL,"
                + " next_attempt_at_ms = ?, due_at_ms = ?, lease_owner = NULL, lease_expires_at_ms = NULL,"
                + " updated_at_ms = ?"
                + " WHERE id = ? AND status IN ('blocked', 'failed')";
    }

    /** The claim's assignments; parameters: now, owner, lease end, lease end, now. */
    private static String claimAssignments(String t) {
        return " status_before_claim = CASE WHEN " + t + "status = 'sending' THEN " + t + "status_before_claim ELSE "
                + t + "status END,"
                + " status = 'sending', attempts = " + t + "attempts + 1, round_attempts = " + t + "round_attempts + 1,"
                + " round_started_at_ms = COALESCE(" + t + "round_started_at_ms, ?), next_attempt_at_ms = NULL,"
                + " lease_owner = ?, lease_expires_at_ms = ?, due_at_ms = ?,"
                + " fencing_token = " + t + "fencing_token + 1, updated_at_ms = ?";
    }

    /** The deliveries table's name. */
    public String deliveriesTable() {
        return deliveries;
    }

    /** Inserts a pending delivery unless one with the same idempotency key exists. */
    public void insertIfAbsent(
            String idempotencyKey,
            long targetId,
            String providerKey,
            String signingStatus,
            String exportJson,
            long nowMs)
            throws SQLException {
        db.update(
                insertIfAbsent,
                idempotencyKey,
                targetId,
                providerKey,
                signingStatus,
                exportJson,
                nowMs,
                nowMs,
                nowMs,
                nowMs);
    }

    /** Claims up to {@code limit} due deliveries and returns them as claimed. */
    public List<DeliveryRow> claim(String owner, long nowMs, long leaseEndMs, int limit) throws SQLException {
        switch (dialect) {
            case POSTGRESQL:
                return db.queryList(claim, DELIVERY_ROW, nowMs, owner, leaseEndMs, leaseEndMs, nowMs, nowMs, limit);
            case MARIADB:
                return db.inTransaction(connection -> claimLocked(connection, owner, nowMs, leaseEndMs, limit));
            case H2:
            default:
                return db.queryList(
                        claim, DELIVERY_ROW, nowMs, owner, leaseEndMs, leaseEndMs, nowMs, nowMs, nowMs, limit);
        }
    }

    private List<DeliveryRow> claimLocked(Connection connection, String owner, long nowMs, long leaseEndMs, int limit)
            throws SQLException {
        List<Long> ids = DirectSql.queryList(connection, lockDue, rs -> rs.getLong(1), nowMs, limit);
        if (ids.isEmpty()) {
            return List.of();
        }
        Object[] params = new Object[5 + ids.size()];
        params[0] = nowMs;
        params[1] = owner;
        params[2] = leaseEndMs;
        params[3] = leaseEndMs;
        params[4] = nowMs;
        for (int i = 0; i < ids.size(); i++) {
            params[5 + i] = ids.get(i);
        }
        DirectSql.update(connection, claim + DirectSql.placeholders(ids.size()) + ")", params);
        return DirectSql.queryList(
                connection,
                "SELECT * FROM " + deliveries + " WHERE id IN (" + DirectSql.placeholders(ids.size()) + ") ORDER BY id",
                DELIVERY_ROW,
                ids.toArray());
    }

    /** The delivery {@code id}, or null. */
    @Nullable
    public DeliveryRow findRow(long id) throws SQLException {
        return db.queryFirst(findRow, DELIVERY_ROW, id);
    }

    /** The delivery with {@code key}, or null. */
    @Nullable
    public DeliveryRow findRowByKey(String key) throws SQLException {
        return db.queryFirst(findRowByKey, DELIVERY_ROW, key);
    }

    /** The first {@code limit} deliveries in id order. */
    public List<DeliveryRow> listRows(int limit) throws SQLException {
        return db.queryList(listRows, DELIVERY_ROW, limit);
    }

    /** The first {@code limit} deliveries with {@code status}, in id order. */
    public List<DeliveryRow> listRowsWithStatus(String status, int limit) throws SQLException {
        return db.queryList(listRowsWithStatus, DELIVERY_ROW, status, limit);
    }

    /**
     * How many deliveries wait (not terminal: their due time is set) and the earliest due time at or
     * before {@code nowMs} (null when none is due), as {@code [count, earliest]}.
     */
    public long[] backlog(long nowMs) throws SQLException {
        return db.queryFirst(
                backlog,
                rs -> {
                    long earliest = rs.getLong(2);
                    return rs.wasNull() ? new long[] {rs.getLong(1)} : new long[] {rs.getLong(1), earliest};
                },
                nowMs);
    }

    /** The attempt logs of the deliveries {@code ids}, by delivery and log position. */
    public List<AttemptRow> attemptsOf(List<Long> ids) throws SQLException {
        return db.queryList(
                "SELECT * FROM " + attempts + " WHERE delivery_id IN (" + DirectSql.placeholders(ids.size())
                        + ") ORDER BY delivery_id, log_seq",
                ATTEMPT_ROW,
                ids.toArray());
    }

    /**
     * Ends the claim {@code (id, token)} with {@code status}, due at {@code nextMs} (null when
     * terminal), and appends {@code attempt} to the log, keeping the latest {@code maxLog} entries; one
     * transaction (on PostgreSQL one statement).
     *
     * @return false, changing nothing, if the claim is no longer current
     */
    public boolean writeBack(
            long id, long token, String status, @Nullable Long nextMs, long nowMs, AttemptRow attempt, int maxLog)
            throws SQLException {
        if (dialect == SqlDialect.POSTGRESQL) {
            Object next = DirectSql.bigint(nextMs);
            Long written = db.queryFirst(
                    writeBackInOne,
                    rs -> rs.getLong(1),
                    status,
                    next,
                    next,
                    nowMs,
                    id,
                    token,
                    attempt.attempt(),
                    attempt.status(),
                    DirectSql.varchar(attempt.code()),
                    DirectSql.integer(attempt.httpStatus()),
                    attempt.message(),
                    DirectSql.bigint(attempt.retryAfterMs()),
                    DirectSql.varchar(attempt.responseSnippet()),
                    attempt.requestSent(),
                    attempt.startedAtMs(),
                    attempt.finishedAtMs(),
                    id,
                    maxLog);
            return written != null && written > 0;
        }
        return db.inTransaction(connection -> {
            Object next = DirectSql.bigint(nextMs);
            if (DirectSql.update(connection, markWritten, status, next, next, nowMs, id, token) == 0) {
                return false;
            }
            Integer seq = DirectSql.queryFirst(connection, logCount, rs -> rs.getInt(1), id);
            int logSeq = seq == null ? 0 : seq;
            DirectSql.update(
                    connection,
                    insertAttempt,
                    id,
                    logSeq,
                    attempt.attempt(),
                    attempt.status(),
                    DirectSql.varchar(attempt.code()),
                    DirectSql.integer(attempt.httpStatus()),
                    attempt.message(),
                    DirectSql.bigint(attempt.retryAfterMs()),
                    DirectSql.varchar(attempt.responseSnippet()),
                    attempt.requestSent(),
                    attempt.startedAtMs(),
                    attempt.finishedAtMs());
            if (logSeq > maxLog) {
                DirectSql.update(connection, trimAttempts, id, logSeq - maxLog);
            }
            return true;
        });
    }

    /** Gives the claim {@code (id, token)} back unattempted; returns the rows changed. */
    public int release(long id, long token, long nowMs) throws SQLException {
        return db.update(release, nowMs, nowMs, nowMs, id, token);
    }

    /** Makes a blocked or failed delivery due now; returns the rows changed. */
    public int retryOnRequest(long id, long nowMs) throws SQLException {
        return db.update(retryOnRequest, nowMs, nowMs, nowMs, id);
    }
}
