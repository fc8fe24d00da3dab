package com.webriskops.webhooks.jdbi.internal;

import java.util.List;
import org.jdbi.v3.core.statement.ColonPrefixSqlParser;
import org.jdbi.v3.core.statement.DefinedAttributeTemplateEngine;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.config.UseSqlParser;
import org.jdbi.v3.sqlobject.config.UseTemplateEngine;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/**
 * MariaDB (10.6 or later for {@code SKIP LOCKED}; MariaDB has no {@code UPDATE ... RETURNING}): a claim
 * is one short transaction that selects due rows {@code FOR UPDATE SKIP LOCKED}, updates them by id
 * and reads them back.
 */
@UseTemplateEngine(DefinedAttributeTemplateEngine.class)
@UseSqlParser(ColonPrefixSqlParser.class)
@RegisterRowMapper(DeliveryRowMapper.class)
@RegisterRowMapper(AttemptRowMapper.class)
public interface MariaDbDeliverySql extends DeliverySql {
    @Override
    @SqlUpdate("INSERT INTO <d> (idempotency_key, target_id, provider_key, signing_status, export_json, status,"
            + " attempts, round_attempts, next_attempt_at_ms, due_at_ms, fencing_token, log_count,"
            + " created_at_ms, updated_at_ms)"
            + " VALUES (:key, :targetId, :providerKey, :signingStatus, :exportJson, 'pending',"
            + " 0, 0, :nowMs, :nowMs, 0, 0, :nowMs, :nowMs)"
            + " ON DUPLICATE KEY UPDATE id = id")
    void insertIfAbsent(
            @Define("d") String d,
            @Bind("key") String idempotencyKey,
            @Bind("targetId") long targetId,
            @Bind("providerKey") String providerKey,
            @Bind("signingStatus") String signingStatus,
            @Bind("exportJson") String exportJson,
            @Bind("nowMs") long nowMs);

    @Override
    @Transaction
    default List<DeliveryRow> claim(String d, String owner, long nowMs, long leaseEndMs, int limit) {
        List<Long> ids = lockDue(d, nowMs, limit);
        if (ids.isEmpty()) {
            return List.of();
        }
        markClaimed(d, ids, owner, nowMs, leaseEndMs);
        return findRows(d, ids);
    }

    @SqlQuery("SELECT id FROM <d> WHERE due_at_ms \\<= :nowMs ORDER BY due_at_ms, id LIMIT :limit"
            + " FOR UPDATE SKIP LOCKED")
    List<Long> lockDue(@Define("d") String d, @Bind("nowMs") long nowMs, @Bind("limit") int limit);

    @SqlUpdate("UPDATE <d> SET"
            + " status_before_claim = CASE WHEN status = 'sending' THEN status_before_claim ELSE status END,"
            + " status = 'sending', attempts = attempts + 1, round_attempts = round_attempts + 1,"
            + " round_started_at_ms = COALESCE(round_started_at_ms, :nowMs), next_attempt_at_ms = NULL,"
            + " lease_owner = :owner, lease_expires_at_ms = :leaseEndMs, due_at_ms = :leaseEndMs,"
            + " fencing_token = fencing_token + 1, updated_at_ms = :nowMs"
            + " WHERE id IN (<ids>)")
    void markClaimed(
            @Define("d") String d,
            @BindList("ids") List<Long> ids,
            @Bind("owner") String owner,
            @Bind("nowMs") long nowMs,
            @Bind("leaseEndMs") long leaseEndMs);
}
