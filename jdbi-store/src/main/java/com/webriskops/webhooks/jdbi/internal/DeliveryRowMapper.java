package com.webriskops.webhooks.jdbi.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps a {@code <prefix>deliveries} row to a {@link DeliveryRow}. */
public final class DeliveryRowMapper implements RowMapper<DeliveryRow> {
    @Override
    public DeliveryRow map(ResultSet rs, StatementContext ctx) throws SQLException {
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
                nullableLong(rs, "round_started_at_ms"),
                nullableLong(rs, "next_attempt_at_ms"),
                rs.getString("lease_owner"),
                nullableLong(rs, "lease_expires_at_ms"),
                rs.getLong("fencing_token"),
                rs.getLong("created_at_ms"),
                rs.getLong("updated_at_ms"));
    }

    static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
