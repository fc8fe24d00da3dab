package com.webriskops.webhooks.jdbi.internal;

import jakarta.annotation.Nullable;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.statement.ColonPrefixSqlParser;
import org.jdbi.v3.core.statement.DefinedAttributeTemplateEngine;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.config.UseSqlParser;
import org.jdbi.v3.sqlobject.config.UseTemplateEngine;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/**
 * The delivery outbox's statements. Those every dialect words alike live here; enqueuing and claiming
 * are the dialect's. {@code <d>} is the deliveries table, {@code <a>} the attempt log; times are epoch
 * milliseconds. Assignments that read another column come before that column is assigned, because
 * MariaDB assigns left to right. Each write-back is one short transaction.
 */
@UseTemplateEngine(DefinedAttributeTemplateEngine.class)
@UseSqlParser(ColonPrefixSqlParser.class)
@RegisterRowMapper(DeliveryRowMapper.class)
@RegisterRowMapper(AttemptRowMapper.class)
public interface DeliverySql {
    /** Inserts a pending delivery unless one with the same idempotency key exists. */
    void insertIfAbsent(
            String d,
            String idempotencyKey,
            long targetId,
            String providerKey,
            String signingStatus,
            String exportJson,
            long nowMs);

    /** Claims up to {@code limit} due deliveries and returns them as claimed. */
    List<DeliveryRow> claim(String d, String owner, long nowMs, long leaseEndMs, int limit);

    @SqlQuery("SELECT * FROM <d> WHERE id = :id")
    Optional<DeliveryRow> findRow(@Define("d") String d, @Bind("id") long id);

    @SqlQuery("SELECT * FROM <d> WHERE idempotency_key = :key")
    Optional<DeliveryRow> findRowByKey(@Define("d") String d, @Bind("key") String key);

    @SqlQuery("SELECT * FROM <d> WHERE id IN (<ids>) ORDER BY id")
    List<DeliveryRow> findRows(@Define("d") String d, @BindList("ids") List<Long> ids);

    @SqlQuery("SELECT * FROM <d> ORDER BY id LIMIT :limit")
    List<DeliveryRow> listRows(@Define("d") String d, @Bind("limit") int limit);

    @SqlQuery("SELECT * FROM <d> WHERE status = :status ORDER BY id LIMIT :limit")
    List<DeliveryRow> listRowsWithStatus(
            @Define("d") String d, @Bind("status") String status, @Bind("limit") int limit);

    @SqlQuery("SELECT * FROM <a> WHERE delivery_id IN (<ids>) ORDER BY delivery_id, log_seq")
    List<AttemptRow> attemptsOf(@Define("a") String a, @BindList("ids") List<Long> ids);

    @SqlUpdate("UPDATE <d> SET status = :status, status_before_claim = NULL,"
            + " next_attempt_at_ms = :nextMs, due_at_ms = :nextMs, lease_owner = NULL, lease_expires_at_ms = NULL,"
            + " log_count = log_count + 1, updated_at_ms = :nowMs"
            + " WHERE id = :id AND fencing_token = :token AND status = 'sending'")
    int markWritten(
            @Define("d") String d,
            @Bind("id") long id,
            @Bind("token") long token,
            @Bind("status") String status,
            @Bind("nextMs") @Nullable Long nextMs,
            @Bind("nowMs") long nowMs);

    @SqlQuery("SELECT log_count FROM <d> WHERE id = :id")
    int logCount(@Define("d") String d, @Bind("id") long id);

    @SqlUpdate("INSERT INTO <a> (delivery_id, log_seq, attempt, status, code, http_status, message,"
            + " retry_after_ms, response_snippet, request_sent, started_at_ms, finished_at_ms)"
            + " VALUES (:deliveryId, :logSeq, :attempt, :status, :code, :httpStatus, :message,"
            + " :retryAfterMs, :responseSnippet, :requestSent, :startedAtMs, :finishedAtMs)")
    void insertAttempt(@Define("a") String a, @BindMethods AttemptRow attempt);

    @SqlUpdate("DELETE FROM <a> WHERE delivery_id = :id AND log_seq \\<= :upTo")
    void trimAttempts(@Define("a") String a, @Bind("id") long id, @Bind("upTo") int upTo);

    /**
     * Ends the claim {@code (id, token)} with {@code status}, due at {@code nextMs} (null when
     * terminal), and appends {@code attempt} to the log, keeping the latest {@code maxLog} entries.
     *
     * @return false, changing nothing, if the claim is no longer current
     */
    @Transaction
    default boolean writeBack(
            String d,
            String a,
            long id,
            long token,
            String status,
            @Nullable Long nextMs,
            long nowMs,
            AttemptRow attempt,
            int maxLog) {
        if (markWritten(d, id, token, status, nextMs, nowMs) == 0) {
            return false;
        }
        int seq = logCount(d, id);
        insertAttempt(
                a,
                new AttemptRow(
                        id,
                        seq,
                        attempt.attempt(),
                        attempt.status(),
                        attempt.code(),
                        attempt.httpStatus(),
                        attempt.message(),
                        attempt.retryAfterMs(),
                        attempt.responseSnippet(),
                        attempt.requestSent(),
                        attempt.startedAtMs(),
                        attempt.finishedAtMs()));
        if (seq > maxLog) {
            trimAttempts(a, id, seq - maxLog);
        }
        return true;
    }

    @SqlUpdate("UPDATE <d> SET"
            + " round_started_at_ms = CASE WHEN round_attempts \\<= 1 THEN NULL ELSE round_started_at_ms END,"
            + " round_attempts = CASE WHEN round_attempts > 0 THEN round_attempts - 1 ELSE 0 END,"
            + " attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END,"
            + " status = COALESCE(status_before_claim, 'pending'), status_before_claim = NULL,"
            + " next_attempt_at_ms = :nowMs, due_at_ms = :nowMs, lease_owner = NULL, lease_expires_at_ms = NULL,"
            + " updated_at_ms = :nowMs"
            + " WHERE id = :id AND fencing_token = :token AND status = 'sending'")
    int release(@Define("d") String d, @Bind("id") long id, @Bind("token") long token, @Bind("nowMs") long nowMs);

    @SqlUpdate("UPDATE <d> SET status = 'pending', round_attempts = 0, round_started_at_ms = NULL,"
            + " next_attempt_at_ms = :nowMs, due_at_ms = :nowMs, lease_owner = NULL, lease_expires_at_ms = NULL,"
            + " updated_at_ms = :nowMs"
            + " WHERE id = :id AND status IN ('blocked', 'failed')")
    int retryOnRequest(@Define("d") String d, @Bind("id") long id, @Bind("nowMs") long nowMs);
}
