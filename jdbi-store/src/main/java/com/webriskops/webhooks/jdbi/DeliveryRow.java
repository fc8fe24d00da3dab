package com.webriskops.webhooks.jdbi;

import jakarta.annotation.Nullable;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * A row of {@code <prefix>deliveries}, times in epoch milliseconds, the export as JSON; {@code logCount}
 * is how many attempts were ever logged (none: the row has no attempt log to read).
 */
record DeliveryRow(
        long id,
        String idempotencyKey,
        long targetId,
        String providerKey,
        String signingStatus,
        String exportJson,
        String status,
        int attempts,
        int roundAttempts,
        @Nullable Long roundStartedAtMs,
        @Nullable Long nextAttemptAtMs,
        @Nullable String leaseOwner,
        @Nullable Long leaseExpiresAtMs,
        long fencingToken,
        long createdAtMs,
        long updatedAtMs,
        int logCount,
        @Nullable String payloadVerdict) {

    /** The current row of {@code rs}; a JDBI {@link org.jdbi.v3.core.mapper.RowMapper}. */
    static DeliveryRow map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new DeliveryRow(
                rs.getLong("id"),
                rs.getString("idempotency_key"),
                rs.getLong("target_id"),
                rs.getString("provider_key"),
                rs.getString("signing_status"),
                rs.getString("export_json"),
                rs.getString("status"),
                rs.getInt("attempts"),
                rs.getInt("round_attempts"),
                Statements.nullableLong(rs, "round_started_at_ms"),
                Statements.nullableLong(rs, "next_attempt_at_ms"),
                rs.getString("lease_owner"),
                Statements.nullableLong(rs, "lease_expires_at_ms"),
                rs.getLong("fencing_token"),
                rs.getLong("created_at_ms"),
                rs.getLong("updated_at_ms"),
                rs.getInt("log_count"),
                rs.getString("payload_verdict"));
    }
}
