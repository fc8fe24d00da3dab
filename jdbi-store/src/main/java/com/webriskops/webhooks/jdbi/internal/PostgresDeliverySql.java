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
 * PostgreSQL: a claim is one statement, {@code UPDATE ... FROM (SELECT ... FOR UPDATE SKIP LOCKED)
 * RETURNING}, so concurrent dispatchers take disjoint rows without waiting for each other.
 */
@UseTemplateEngine(DefinedAttributeTemplateEngine.class)
@UseSqlParser(ColonPrefixSqlParser.class)
@RegisterRowMapper(DeliveryRowMapper.class)
@RegisterRowMapper(AttemptRowMapper.class)
public interface PostgresDeliverySql extends DeliverySql {
    @Override
    @SqlUpdate("INSERT INTO <d> (idempotency_key, target_id, provider_key, signing_status, export_json, status,"
            + " attempts, round_attempts, next_attempt_at_ms, due_at_ms, fencing_token, log_count,"
            + " created_at_ms, updated_at_ms)"
            + " VALUES (:key, :targetId, :providerKey, :signingStatus, :exportJson, 'pending',"
            + " 0, 0, :nowMs, :nowMs, 0, 0, :nowMs, :nowMs)"
            + " ON CONFLICT (idempotency_key) DO NOTHING")
    void insertIfAbsent(
            @Define("d") String d,
            @Bind("key") String idempotencyKey,
            @Bind("targetId") long targetId,
            @Bind("providerKey") String providerKey,
            @Bind("signingStatus") String signingStatus,
            @Bind("exportJson") String exportJson,
            @Bind("nowMs") long nowMs);

    @Override
    @SqlQuery("UPDATE <d> t SET"
            + " status_before_claim = CASE WHEN t.status = 'sending' THEN t.status_before_claim ELSE t.status END,"
            + " status = 'sending', attempts = t.attempts + 1, round_attempts = t.round_attempts + 1,"
            + " round_started_at_ms = COALESCE(t.round_started_at_ms, :nowMs), next_attempt_at_ms = NULL,"
            + " lease_owner = :owner, lease_expires_at_ms = :leaseEndMs, due_at_ms = :leaseEndMs,"
            + " fencing_token = t.fencing_token + 1, updated_at_ms = :nowMs"
            + " FROM (SELECT id FROM <d> WHERE due_at_ms \\<= :nowMs ORDER BY due_at_ms, id LIMIT :limit"
            + " FOR UPDATE SKIP LOCKED) due"
            + " WHERE t.id = due.id"
            + " RETURNING t.*")
    List<DeliveryRow> claim(
            @Define("d") String d,
            @Bind("owner") String owner,
            @Bind("nowMs") long nowMs,
            @Bind("leaseEndMs") long leaseEndMs,
            @Bind("limit") int limit);
}
