package com.webriskops.webhooks.jdbi;

import com.webriskops.webhooks.sender.spi.DeliveryStore;
import jakarta.annotation.Nullable;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * The delivery outbox's statements, built once with the table names (from a validated prefix) and run
 * through {@link Statements} on handles of the stores' {@link Jdbi}. Times are epoch milliseconds.
 * Assignments that read another column come before that column is assigned, because MariaDB assigns
 * left to right. Each write-back is one short transaction. Immutable and thread-safe.
 *
 * <ul>
 *   <li>PostgreSQL: a claim is one statement, {@code UPDATE ... FROM (SELECT ... FOR UPDATE SKIP
 *       LOCKED) RETURNING}, so concurrent dispatchers take disjoint rows without waiting for each
 *       other; a write-back is one statement too (data-modifying {@code WITH} parts).
 *   <li>MariaDB (10.6 or later for {@code SKIP LOCKED}; MariaDB has no {@code UPDATE ... RETURNING}): a
 *       claim is one short transaction that selects due rows {@code FOR UPDATE SKIP LOCKED}, updates
 *       them by id and reads them back.
 *   <li>H2: a claim is one statement, {@code UPDATE} read back through {@code FINAL TABLE}. H2 has no
 *       {@code SKIP LOCKED}: a session that meets a row another session is claiming waits for it, then
 *       re-checks the row's due time on the committed version and skips it, so a claim may return fewer
 *       rows than are due while others claim (never the same row twice).
 * </ul>
 */
final class DeliverySql {
    private static final String ATTEMPT_COLUMNS = "delivery_id, log_seq, attempt, status, code, http_status,"
            + " message, retry_after_ms, response_snippet, request_sent, started_at_ms, finished_at_ms";
    private static final String ATTEMPT_VALUES = ":attempt, :attemptStatus, :code, :httpStatus, :message,"
            + " :retryAfterMs, :responseSnippet, :requestSent, :startedAtMs, :finishedAtMs";

    private final Jdbi jdbi;
    /** The data source of a Jdbi the stores made themselves, or null when the application gave its own. */
    private final @Nullable DataSource own;

    private final SqlDialect dialect;
    private final String insertIfAbsent;
    private final String claim;
    private final @Nullable String lockDue;
    private final @Nullable String readListed;
    private final String findRow;
    private final String findRowByKey;
    private final String ownerOf;
    private final String listRows;
    private final String listRowsWithStatus;
    private final String attemptsOf;
    private final String markWritten;
    private final String writeBackInOne;
    private final String writeBackBatched;
    private final String logCount;
    private final String backlog;
    private final String insertAttempt;
    private final String trimAttempts;
    private final String release;
    private final String retryOnRequest;
    private final String retryScheduledNow;
    private final String cancelRetry;
    private final String countByStatus;
    private final String enqueuedByBucket;
    private final String attemptsByBucket;
    private final String deliveries;
    private final String attempts;
    private final ConcurrentMap<Integer, String> pages = new ConcurrentHashMap<>();

    /** The statements of {@code dialect} on {@code <tablePrefix>deliveries} and {@code delivery_attempts}. */
    DeliverySql(Jdbi jdbi, @Nullable DataSource own, SqlDialect dialect, String tablePrefix) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.own = own;
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        String d = tablePrefix + "deliveries";
        String a = tablePrefix + "delivery_attempts";
        String columns = " (idempotency_key, owner, target_id, provider_key, signing_status, export_json, status,"
                + " attempts, round_attempts, next_attempt_at_ms, due_at_ms, fencing_token, log_count,"
                + " created_at_ms, updated_at_ms, payload_verdict)";
        String values =
                " :owner, :targetId, :providerKey, :signingStatus, :exportJson, 'pending', 0, 0, :nowMs, :nowMs,"
                        + " 0, 0, :nowMs, :nowMs, :payloadVerdict)";
        switch (dialect) {
            case POSTGRESQL:
                this.insertIfAbsent = "INSERT INTO " + d + columns + " VALUES (:key," + values
                        + " ON CONFLICT (idempotency_key) DO NOTHING";
                // Plain JDBC parameters (it runs once per batch of every worker; see Statements.jdbc), bound in
                // claim: the assignments' now, owner, lease end (twice) and now, then the subquery's now and limit.
                this.claim = "UPDATE " + d + " t SET"
                        + claimAssignments("t.", "?", "?", "?")
                        + " FROM (SELECT id FROM " + d
                        + " WHERE due_at_ms <= ? ORDER BY due_at_ms, id LIMIT ? FOR UPDATE SKIP LOCKED) due"
                        + " WHERE t.id = due.id RETURNING t.*";
                this.lockDue = null;
                this.readListed = null;
                break;
            case MARIADB:
                this.insertIfAbsent =
                        "INSERT INTO " + d + columns + " VALUES (:key," + values + " ON DUPLICATE KEY UPDATE id = id";
                this.lockDue = "SELECT id FROM " + d + " WHERE due_at_ms <= :nowMs ORDER BY due_at_ms, id LIMIT :limit"
                        + " FOR UPDATE SKIP LOCKED";
                // The locked ids fill <ids> (JDBI's bindList).
                this.claim = "UPDATE " + d + " SET" + claimAssignments("") + " WHERE id IN (<ids>)";
                this.readListed = "SELECT * FROM " + d + " WHERE id IN (<ids>) ORDER BY id";
                break;
            case H2:
            default:
                this.insertIfAbsent = "MERGE INTO " + d + " t USING (VALUES (CAST(:key AS VARCHAR(255))))"
                        + " s(idempotency_key) ON t.idempotency_key = s.idempotency_key"
                        + " WHEN NOT MATCHED THEN INSERT" + columns + " VALUES (s.idempotency_key," + values;
                this.claim = "SELECT * FROM FINAL TABLE (UPDATE " + d + " t SET" + claimAssignments("t.")
                        + " WHERE t.due_at_ms <= :nowMs AND t.id IN (SELECT id FROM " + d + " WHERE due_at_ms <= :nowMs"
                        + " ORDER BY due_at_ms, id FETCH FIRST :limit ROWS ONLY))";
                this.lockDue = null;
                this.readListed = null;
                break;
        }
        this.findRow = "SELECT * FROM " + d + " WHERE id = :id";
        this.findRowByKey = "SELECT * FROM " + d + " WHERE idempotency_key = :key";
        this.ownerOf = "SELECT owner FROM " + d + " WHERE id = :id";
        this.listRows = "SELECT * FROM " + d + " ORDER BY id LIMIT :limit";
        this.listRowsWithStatus = "SELECT * FROM " + d + " WHERE status = :status ORDER BY id LIMIT :limit";
        this.attemptsOf = "SELECT * FROM " + a + " WHERE delivery_id IN (<ids>) ORDER BY delivery_id, log_seq";
        String written = " SET status = :status, status_before_claim = NULL,"
                + " next_attempt_at_ms = :nextMs, due_at_ms = :nextMs, lease_owner = NULL, lease_expires_at_ms = NULL,"
                + " log_count = log_count + 1, updated_at_ms = :nowMs"
                + " WHERE id = :id AND fencing_token = :token AND status = 'sending'";
        this.markWritten = "UPDATE " + d + written;
        this.logCount = "SELECT log_count FROM " + d + " WHERE id = :id";
        this.backlog = "SELECT COUNT(*) AS waiting, MIN(CASE WHEN due_at_ms <= :now THEN due_at_ms END) AS oldest_due"
                + " FROM " + d + " WHERE due_at_ms IS NOT NULL";
        // PostgreSQL runs every data-modifying WITH part once, in one statement (one round trip, atomic);
        // the trim cannot see the row inserted beside it, and needs not: it deletes older entries.
        // Plain JDBC parameters (it runs once per attempt; see Statements.jdbc), bound in writeBack.
        this.writeBackInOne = "WITH w AS (UPDATE " + d + " SET status = ?, status_before_claim = NULL,"
                + " next_attempt_at_ms = ?, due_at_ms = ?, lease_owner = NULL, lease_expires_at_ms = NULL,"
                + " log_count = log_count + 1, updated_at_ms = ?"
                + " WHERE id = ? AND fencing_token = ? AND status = 'sending' RETURNING id, log_count),"
                + " logged AS (INSERT INTO " + a + " (" + ATTEMPT_COLUMNS + ")"
                + " SELECT w.id, w.log_count, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM w),"
                + " trimmed AS (DELETE FROM " + a + " WHERE delivery_id = ?"
                + " AND log_seq <= (SELECT w.log_count - ? FROM w))"
                + " SELECT COUNT(*) FROM w";
        // The same as a statement whose result is its update count (1 when the claim was current, else
        // 0), so several run as one JDBC batch: the INSERT is the main part, as many rows as w has.
        this.writeBackBatched = "WITH w AS (UPDATE " + d + " SET status = ?, status_before_claim = NULL,"
                + " next_attempt_at_ms = ?, due_at_ms = ?, lease_owner = NULL, lease_expires_at_ms = NULL,"
                + " log_count = log_count + 1, updated_at_ms = ?"
                + " WHERE id = ? AND fencing_token = ? AND status = 'sending' RETURNING id, log_count),"
                + " trimmed AS (DELETE FROM " + a + " WHERE delivery_id = ?"
                + " AND log_seq <= (SELECT w.log_count - ? FROM w))"
                + " INSERT INTO " + a + " (" + ATTEMPT_COLUMNS + ")"
                + " SELECT w.id, w.log_count, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM w";
        this.insertAttempt =
                "INSERT INTO " + a + " (" + ATTEMPT_COLUMNS + ") VALUES (:id, :logSeq, " + ATTEMPT_VALUES + ")";
        this.trimAttempts = "DELETE FROM " + a + " WHERE delivery_id = :id AND log_seq <= :lastTrimmed";
        this.release = "UPDATE " + d + " SET"
                + " round_started_at_ms = CASE WHEN round_attempts <= 1 THEN NULL ELSE round_started_at_ms END,"
                + " round_attempts = CASE WHEN round_attempts > 0 THEN round_attempts - 1 ELSE 0 END,"
                + " attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END,"
                + " status = COALESCE(status_before_claim, 'pending'), status_before_claim = NULL,"
                + " next_attempt_at_ms = :nowMs, due_at_ms = :nowMs, lease_owner = NULL, lease_expires_at_ms = NULL,"
                + " updated_at_ms = :nowMs"
                + " WHERE id = :id AND fencing_token = :token AND status = 'sending'";
        this.retryOnRequest = "UPDATE " + d + " SET status = 'pending', round_attempts = 0, round_started_at_ms = NULL,"
                + " next_attempt_at_ms = :nowMs, due_at_ms = :nowMs, lease_owner = NULL, lease_expires_at_ms = NULL,"
                + " updated_at_ms = :nowMs"
                + " WHERE id = :id AND status IN ('blocked', 'failed')";
        this.retryScheduledNow = "UPDATE " + d + " SET next_attempt_at_ms = :nowMs, due_at_ms = :nowMs,"
                + " updated_at_ms = :nowMs WHERE id = :id AND status = 'retry_scheduled'";
        this.cancelRetry = "UPDATE " + d + " SET status = 'failed', next_attempt_at_ms = NULL, due_at_ms = NULL,"
                + " updated_at_ms = :nowMs WHERE id = :id AND status = 'retry_scheduled'";
        this.countByStatus = "SELECT status, COUNT(*) AS n FROM " + d + " WHERE owner = :owner GROUP BY status";
        // The bucket is computed in a derived table and grouped by name: PostgreSQL would not match a
        // repeated expression's parameters, and H2 reads GROUP BY 1 as a constant.
        this.enqueuedByBucket = "SELECT b, COUNT(*) AS n FROM (SELECT FLOOR((created_at_ms - :fromMs) / :bucketMs) AS b"
                + " FROM " + d + " WHERE owner = :owner AND created_at_ms >= :fromMs AND created_at_ms < :toMs) t"
                + " GROUP BY b";
        this.attemptsByBucket =
                "SELECT b, s, COUNT(*) AS n FROM (SELECT FLOOR((a.finished_at_ms - :fromMs) / :bucketMs)"
                        + " AS b, a.status AS s FROM " + a + " a JOIN " + d + " x ON x.id = a.delivery_id"
                        + " WHERE a.finished_at_ms >= :fromMs AND a.finished_at_ms < :toMs AND x.owner = :owner) t"
                        + " GROUP BY b, s";
        this.deliveries = d;
        this.attempts = a;
    }

    /**
     * The page statement for the conditions {@code filter} sets: one fixed text per combination (at
     * most 32, built once each), so every filter is a plain indexed condition, never {@code (:x IS
     * NULL OR ...)} that would defeat a generic plan. Binds {@code owner}, {@code beforeId}, {@code
     * limit} and each set condition's value.
     */
    String pageSql(DeliveryStore.Filter filter) {
        int mask = (filter.status() != null ? 1 : 0)
                | (filter.code() != null ? 2 : 0)
                | (filter.targetId() != null ? 4 : 0)
                | (filter.createdFrom() != null ? 8 : 0)
                | (filter.createdBefore() != null ? 16 : 0);
        return pages.computeIfAbsent(mask, m -> {
            StringBuilder sql = new StringBuilder(
                    "SELECT x.* FROM " + deliveries + " x WHERE x.owner = :owner AND x.id < :beforeId");
            if ((m & 1) != 0) {
                sql.append(" AND x.status = :status");
            }
            if ((m & 4) != 0) {
                sql.append(" AND x.target_id = :targetId");
            }
            if ((m & 8) != 0) {
                sql.append(" AND x.created_at_ms >= :fromMs");
            }
            if ((m & 16) != 0) {
                sql.append(" AND x.created_at_ms < :toMs");
            }
            if ((m & 2) != 0) {
                // The last attempt is the log entry numbered log_count: one primary-key probe per row.
                sql.append(" AND EXISTS (SELECT 1 FROM " + attempts + " a WHERE a.delivery_id = x.id"
                        + " AND a.log_seq = x.log_count AND a.code = :code)");
            }
            return sql.append(" ORDER BY x.id DESC LIMIT :limit").toString();
        });
    }

    /** {@code statement} with {@link #pageSql}'s parameters bound. */
    static <S extends SqlStatement<S>> S bindPage(S statement, DeliveryStore.Filter filter, long beforeId, int limit) {
        statement.bind("owner", filter.owner()).bind("beforeId", beforeId).bind("limit", limit);
        if (filter.status() != null) {
            statement.bind("status", filter.status().wireName());
        }
        if (filter.code() != null) {
            statement.bind("code", filter.code());
        }
        if (filter.targetId() != null) {
            statement.bind("targetId", filter.targetId().longValue());
        }
        if (filter.createdFrom() != null) {
            statement.bind("fromMs", Times.epochMillis(filter.createdFrom()));
        }
        if (filter.createdBefore() != null) {
            statement.bind("toMs", Times.epochMillis(filter.createdBefore()));
        }
        return statement;
    }

    /** Up to {@code limit} of the rows {@code filter} selects below {@code beforeId}, highest id first. */
    List<DeliveryRow> page(DeliveryStore.Filter filter, long beforeId, int limit) {
        String sql = pageSql(filter);
        return jdbi.withHandle(handle -> bindPage(Statements.query(handle, sql), filter, beforeId, limit)
                .map(DeliveryRow::map)
                .list());
    }

    /** {@code owner}'s deliveries counted by status wire name. */
    Map<String, Long> countByStatus(String owner) {
        return jdbi.withHandle(handle -> {
            Map<String, Long> counts = new HashMap<>();
            Statements.query(handle, countByStatus)
                    .bind("owner", owner)
                    .map((rs, ctx) -> Map.entry(rs.getString("status"), rs.getLong("n")))
                    .forEach(e -> counts.put(e.getKey(), e.getValue()));
            return counts;
        });
    }

    /** Counts {@code owner}'s enqueued deliveries and attempt outcomes into {@code counter}. */
    void activity(String owner, DeliveryStore.Activity.Counter counter) {
        long fromMs = counter.fromMillis();
        long bucketMs = counter.bucketMillis();
        jdbi.useHandle(handle -> {
            Statements.query(handle, enqueuedByBucket)
                    .bind("owner", owner)
                    .bind("fromMs", fromMs)
                    .bind("toMs", counter.toMillis())
                    .bind("bucketMs", bucketMs)
                    .map((rs, ctx) -> new long[] {rs.getLong("b"), rs.getLong("n")})
                    .forEach(r -> counter.add(fromMs + r[0] * bucketMs, "enqueued", r[1]));
            Statements.query(handle, attemptsByBucket)
                    .bind("owner", owner)
                    .bind("fromMs", fromMs)
                    .bind("toMs", counter.toMillis())
                    .bind("bucketMs", bucketMs)
                    .map((rs, ctx) -> Map.entry(rs.getString("s"), new long[] {rs.getLong("b"), rs.getLong("n")}))
                    .forEach(e -> counter.add(fromMs + e.getValue()[0] * bucketMs, e.getKey(), e.getValue()[1]));
        });
    }

    /** Makes a retry_scheduled delivery due now; returns the rows changed. */
    int retryScheduledNow(long id, long nowMs) {
        return Statements.execute(
                jdbi, retryScheduledNow, update -> update.bind("nowMs", nowMs).bind("id", id));
    }

    /** Ends a retry_scheduled delivery as failed; returns the rows changed. */
    int cancelRetry(long id, long nowMs) {
        return Statements.execute(
                jdbi, cancelRetry, update -> update.bind("nowMs", nowMs).bind("id", id));
    }

    /** The claim's assignments; binds {@code nowMs}, {@code owner} and {@code leaseEndMs}. */
    private static String claimAssignments(String t) {
        return claimAssignments(t, ":nowMs", ":owner", ":leaseEndMs");
    }

    /**
     * The claim's assignments with these parameter markers; in order of appearance: now, owner, lease end,
     * lease end, now.
     */
    private static String claimAssignments(String t, String nowMs, String owner, String leaseEndMs) {
        return " status_before_claim = CASE WHEN " + t + "status = 'sending' THEN " + t + "status_before_claim ELSE "
                + t + "status END,"
                + " status = 'sending', attempts = " + t + "attempts + 1, round_attempts = " + t + "round_attempts + 1,"
                + " round_started_at_ms = COALESCE(" + t + "round_started_at_ms, " + nowMs + "),"
                + " next_attempt_at_ms = NULL, lease_owner = " + owner + ", lease_expires_at_ms = " + leaseEndMs + ","
                + " due_at_ms = " + leaseEndMs + ", fencing_token = " + t + "fencing_token + 1, updated_at_ms = "
                + nowMs;
    }

    /** Inserts a pending delivery unless one with the same idempotency key exists. */
    void insertIfAbsent(
            String idempotencyKey,
            String owner,
            long targetId,
            String providerKey,
            String signingStatus,
            String exportJson,
            @Nullable String payloadVerdict,
            long nowMs) {
        jdbi.useHandle(handle -> Statements.update(handle, insertIfAbsent)
                .bind("key", idempotencyKey)
                .bind("owner", owner)
                .bind("targetId", targetId)
                .bind("providerKey", providerKey)
                .bind("signingStatus", signingStatus)
                .bind("exportJson", exportJson)
                .bind("payloadVerdict", payloadVerdict)
                .bind("nowMs", nowMs)
                .execute());
    }

    /** The owner of delivery {@code id}, if there is one. */
    Optional<String> ownerOf(long id) {
        return jdbi.withHandle(handle -> Statements.query(handle, ownerOf)
                .bind("id", id)
                .mapTo(String.class)
                .findFirst());
    }

    /** Claims up to {@code limit} due deliveries and returns them as claimed. */
    List<DeliveryRow> claim(String owner, long nowMs, long leaseEndMs, int limit) {
        if (dialect == SqlDialect.MARIADB) {
            return jdbi.inTransaction(handle -> claimLocked(handle, owner, nowMs, leaseEndMs, limit));
        }
        if (dialect == SqlDialect.POSTGRESQL) {
            return Statements.onConnection(
                    jdbi,
                    own,
                    connection -> Statements.jdbc(connection, claim, statement -> {
                        statement.setLong(1, nowMs);
                        statement.setString(2, owner);
                        statement.setLong(3, leaseEndMs);
                        statement.setLong(4, leaseEndMs);
                        statement.setLong(5, nowMs);
                        statement.setLong(6, nowMs);
                        statement.setInt(7, limit);
                        List<DeliveryRow> rows = new ArrayList<>(limit);
                        try (ResultSet rs = statement.executeQuery()) {
                            while (rs.next()) {
                                rows.add(DeliveryRow.map(rs, null));
                            }
                        }
                        return rows;
                    }));
        }
        return jdbi.withHandle(handle -> Statements.query(handle, claim)
                .bind("nowMs", nowMs)
                .bind("owner", owner)
                .bind("leaseEndMs", leaseEndMs)
                .bind("limit", limit)
                .map(DeliveryRow::map)
                .list());
    }

    private List<DeliveryRow> claimLocked(Handle handle, String owner, long nowMs, long leaseEndMs, int limit) {
        List<Long> ids = Statements.query(handle, Objects.requireNonNull(lockDue))
                .bind("nowMs", nowMs)
                .bind("limit", limit)
                .mapTo(Long.class)
                .list();
        if (ids.isEmpty()) {
            return List.of();
        }
        Statements.updateWithList(handle, claim)
                .bind("nowMs", nowMs)
                .bind("owner", owner)
                .bind("leaseEndMs", leaseEndMs)
                .bindList("ids", ids)
                .execute();
        return Statements.queryWithList(handle, Objects.requireNonNull(readListed))
                .bindList("ids", ids)
                .map(DeliveryRow::map)
                .list();
    }

    /** The delivery {@code id}, or null. */
    @Nullable
    DeliveryRow findRow(long id) {
        return jdbi.withHandle(handle -> Statements.query(handle, findRow)
                .bind("id", id)
                .map(DeliveryRow::map)
                .findFirst()
                .orElse(null));
    }

    /** The delivery with {@code key}, or null. */
    @Nullable
    DeliveryRow findRowByKey(String key) {
        return jdbi.withHandle(handle -> Statements.query(handle, findRowByKey)
                .bind("key", key)
                .map(DeliveryRow::map)
                .findFirst()
                .orElse(null));
    }

    /** The first {@code limit} deliveries in id order. */
    List<DeliveryRow> listRows(int limit) {
        return jdbi.withHandle(handle -> Statements.query(handle, listRows)
                .bind("limit", limit)
                .map(DeliveryRow::map)
                .list());
    }

    /** The first {@code limit} deliveries with {@code status}, in id order. */
    List<DeliveryRow> listRowsWithStatus(String status, int limit) {
        return jdbi.withHandle(handle -> Statements.query(handle, listRowsWithStatus)
                .bind("status", status)
                .bind("limit", limit)
                .map(DeliveryRow::map)
                .list());
    }

    /** How many deliveries wait, and the oldest due time at {@code nowMs} (null when none is due). */
    DeliveryStore.Backlog backlog(long nowMs) {
        return jdbi.withHandle(handle -> Statements.query(handle, backlog)
                .bind("now", nowMs)
                .map((rs, ctx) -> {
                    Long oldest = Statements.nullableLong(rs, "oldest_due");
                    return new DeliveryStore.Backlog(
                            rs.getLong("waiting"), oldest == null ? null : Instant.ofEpochMilli(oldest));
                })
                .one());
    }

    /** The attempt logs of the deliveries {@code ids} (not empty), by delivery and log position. */
    List<AttemptRow> attemptsOf(List<Long> ids) {
        return jdbi.withHandle(handle -> Statements.queryWithList(handle, attemptsOf)
                .bindList("ids", ids)
                .map(AttemptRow::map)
                .list());
    }

    /**
     * Ends the claim {@code (id, token)} with {@code status}, due at {@code nextMs} (null when
     * terminal), and appends {@code attempt} to the log, keeping the latest {@code maxLog} entries; one
     * transaction (on PostgreSQL one statement).
     *
     * @return false, changing nothing, if the claim is no longer current
     */
    boolean writeBack(
            long id, long token, String status, @Nullable Long nextMs, long nowMs, AttemptRow attempt, int maxLog) {
        if (dialect == SqlDialect.POSTGRESQL) {
            long written = Statements.onConnection(
                    jdbi,
                    own,
                    connection -> Statements.jdbc(connection, writeBackInOne, statement -> {
                        bindWriteBack(statement, new Written(id, token, status, nextMs, nowMs, attempt), 0);
                        statement.setLong(17, id);
                        statement.setInt(18, maxLog);
                        try (ResultSet count = statement.executeQuery()) {
                            return count.next() ? count.getLong(1) : 0L;
                        }
                    }));
            return written > 0;
        }
        return jdbi.inTransaction(
                handle -> writeBackOn(handle, new Written(id, token, status, nextMs, nowMs, attempt), maxLog));
    }

    /** One write-back of {@link #writeBackAll}: the claim {@code (id, token)} and what to record. */
    record Written(
            long id, long token, String status, @Nullable Long nextMs, long nowMs, AttemptRow attempt) {}

    /**
     * Records every write-back of {@code all} as {@link #writeBack} does, in one transaction (taking
     * the rows in id order, so two such transactions never wait on each other in a cycle); on
     * PostgreSQL the statements go as one JDBC batch, then one commit.
     *
     * @return for each write-back, in order, whether its claim was current (and it was recorded)
     */
    List<Boolean> writeBackAll(List<Written> all, int maxLog) {
        if (all.size() == 1) {
            Written one = all.get(0);
            return List.of(
                    writeBack(one.id(), one.token(), one.status(), one.nextMs(), one.nowMs(), one.attempt(), maxLog));
        }
        Integer[] order = new Integer[all.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingLong(i -> all.get(i).id()));
        Boolean[] recorded = new Boolean[all.size()];
        if (dialect == SqlDialect.POSTGRESQL) {
            Statements.inTransaction(
                    jdbi,
                    own,
                    connection -> Statements.jdbc(connection, writeBackBatched, statement -> {
                        for (Integer i : order) {
                            Written written = all.get(i);
                            bindWriteBack(statement, written, 2);
                            statement.setLong(7, written.id());
                            statement.setInt(8, maxLog);
                            statement.addBatch();
                        }
                        int[] counts = statement.executeBatch();
                        for (int k = 0; k < order.length; k++) {
                            // A driver that cannot tell the count (SUCCESS_NO_INFO) is not trusted: false.
                            recorded[order[k]] = counts[k] > 0;
                        }
                        return null;
                    }));
        } else {
            jdbi.useTransaction(handle -> {
                for (Integer i : order) {
                    recorded[i] = writeBackOn(handle, all.get(i), maxLog);
                }
            });
        }
        return Arrays.asList(recorded);
    }

    /** The claim's update, attempt log entry and trim on {@code handle}, inside its transaction. */
    private boolean writeBackOn(Handle handle, Written written, int maxLog) {
        long id = written.id();
        if (bindWritten(
                                Statements.update(handle, markWritten),
                                id,
                                written.token(),
                                written.status(),
                                written.nextMs(),
                                written.nowMs())
                        .execute()
                == 0) {
            return false;
        }
        int logSeq = Statements.query(handle, logCount)
                .bind("id", id)
                .mapTo(Integer.class)
                .findFirst()
                .orElse(0);
        bindAttempt(Statements.update(handle, insertAttempt), written.attempt())
                .bind("id", id)
                .bind("logSeq", logSeq)
                .execute();
        if (logSeq > maxLog) {
            Statements.update(handle, trimAttempts)
                    .bind("id", id)
                    .bind("lastTrimmed", logSeq - maxLog)
                    .execute();
        }
        return true;
    }

    /**
     * Binds the claim's update (parameters 1 to 6) and the attempt log entry (the ten after {@code
     * skip} more); the trim's two parameters are the caller's.
     */
    private static void bindWriteBack(java.sql.PreparedStatement statement, Written written, int skip)
            throws java.sql.SQLException {
        AttemptRow attempt = written.attempt();
        statement.setString(1, written.status());
        Statements.setNullable(statement, 2, written.nextMs(), Types.BIGINT);
        Statements.setNullable(statement, 3, written.nextMs(), Types.BIGINT);
        statement.setLong(4, written.nowMs());
        statement.setLong(5, written.id());
        statement.setLong(6, written.token());
        int p = 7 + skip;
        statement.setInt(p, attempt.attempt());
        statement.setString(p + 1, attempt.status());
        Statements.setNullable(statement, p + 2, attempt.code(), Types.VARCHAR);
        Statements.setNullable(statement, p + 3, attempt.httpStatus(), Types.INTEGER);
        statement.setString(p + 4, attempt.message());
        Statements.setNullable(statement, p + 5, attempt.retryAfterMs(), Types.BIGINT);
        Statements.setNullable(statement, p + 6, attempt.responseSnippet(), Types.VARCHAR);
        statement.setBoolean(p + 7, attempt.requestSent());
        statement.setLong(p + 8, attempt.startedAtMs());
        statement.setLong(p + 9, attempt.finishedAtMs());
    }

    private static <S extends SqlStatement<S>> S bindWritten(
            S statement, long id, long token, String status, @Nullable Long nextMs, long nowMs) {
        return statement
                .bind("status", status)
                .bind("nextMs", nextMs)
                .bind("nowMs", nowMs)
                .bind("id", id)
                .bind("token", token);
    }

    private static <S extends SqlStatement<S>> S bindAttempt(S statement, AttemptRow attempt) {
        return statement
                .bind("attempt", attempt.attempt())
                .bind("attemptStatus", attempt.status())
                .bind("code", attempt.code())
                .bind("httpStatus", attempt.httpStatus())
                .bind("message", attempt.message())
                .bind("retryAfterMs", attempt.retryAfterMs())
                .bind("responseSnippet", attempt.responseSnippet())
                .bind("requestSent", attempt.requestSent())
                .bind("startedAtMs", attempt.startedAtMs())
                .bind("finishedAtMs", attempt.finishedAtMs());
    }

    /** Gives the claim {@code (id, token)} back unattempted; returns the rows changed. */
    int release(long id, long token, long nowMs) {
        return Statements.execute(
                jdbi,
                release,
                update -> update.bind("nowMs", nowMs).bind("id", id).bind("token", token));
    }

    /** Makes a blocked or failed delivery due now; returns the rows changed. */
    int retryOnRequest(long id, long nowMs) {
        return Statements.execute(
                jdbi, retryOnRequest, update -> update.bind("nowMs", nowMs).bind("id", id));
    }
}
