package com.webriskops.webhooks.jdbi.internal;

import java.util.List;
import org.jdbi.v3.core.statement.ColonPrefixSqlParser;
import org.jdbi.v3.core.statement.DefinedAttributeTemplateEngine;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.config.UseSqlParser;
import org.jdbi.v3.sqlobject.config.UseTemplateEngine;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * H2: a claim is one statement, {@code UPDATE} read back through {@code FINAL TABLE}. H2 has no {@code
 * SKIP LOCKED}: a session that meets a row another session is claiming waits for it, then re-checks
 * the row's due time on the committed version and skips it, so a claim may return fewer rows than are
 * due while others claim (never the same row twice).
 */
@UseTemplateEngine(DefinedAttributeTemplateEngine.class)
@UseSqlParser(ColonPrefixSqlParser.class)
@RegisterRowMapper(DeliveryRowMapper.class)
@RegisterRowMapper(AttemptRowMapper.class)
public interface H2DeliverySql extends DeliverySql {
    @Override
    @SqlUpdate("MERGE INTO <d> t USING (VALUES (CAST(:key AS VARCHAR(255)))) s(idempotency_key)"
            + " ON t.idempotency_key = s.idempotency_key"
            + " WHEN NOT MATCHED THEN INSERT (idempotency_key, target_id, provider_key, signing_status, export_json,"
            + " status, attempts, round_attempts, next_attempt_at_ms, due_at_ms, fencing_token, log_count,"
            + " created_at_ms, updated_at_ms)"
            + " VALUES (s.idempotency_key, :targetId, :providerKey, :signingStatus, :exportJson, 'pending',"
            + " 0, 0, :nowMs, :nowMs, 0, 0, :nowMs, :nowMs)")
    void insertIfAbsent(
            @Define("d") String d,
            @Bind("key") String idempotencyKey,
            @Bind("targetId") long targetId,
            @Bind("providerKey") String providerKey,
            @Bind("signingStatus") String signingStatus,
            @Bind("exportJson") String exportJson,
            @Bind("nowMs") long nowMs);

    @Override
    @SqlQuery("SELECT * FROM FINAL TABLE (UPDATE <d> t SET"
            + " status_before_claim = CASE WHEN t.status = 'sending' THEN t.status_before_claim ELSE t.status END,"
            + " status = 'sending', attempts = t.attempts + 1, round_attempts = t.round_attempts + 1,"
            + " round_started_at_ms = COALESCE(t.round_started_at_ms, :nowMs), next_attempt_at_ms = NULL,"
            + " lease_owner = :owner, lease_expires_at_ms = :leaseEndMs, due_at_ms = :leaseEndMs,"
            + " fencing_token = t.fencing_token + 1, updated_at_ms = :nowMs"
            + " WHERE t.due_at_ms \\<= :nowMs AND t.id IN (SELECT id FROM <d> WHERE due_at_ms \\<= :nowMs"
            + " ORDER BY due_at_ms, id FETCH FIRST :limit ROWS ONLY))")
    List<DeliveryRow> claim(
            @Define("d") String d,
            @Bind("owner") String owner,
            @Bind("nowMs") long nowMs,
            @Bind("leaseEndMs") long leaseEndMs,
            @Bind("limit") int limit);
}
