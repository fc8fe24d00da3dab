package com.webriskops.webhooks.jdbi.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps a {@code <prefix>export_targets} row to a {@link TargetRow}. */
public final class TargetRowMapper implements RowMapper<TargetRow> {
    @Override
    public TargetRow map(ResultSet rs, StatementContext ctx) throws SQLException {
        long disabledAt = rs.getLong("disabled_at_ms");
        Long disabledAtMs = rs.wasNull() ? null : disabledAt;
        return new TargetRow(
                rs.getLong("id"),
                rs.getString("provider_key"),
                rs.getString("base_url"),
                rs.getString("deployment_mode"),
                rs.getString("name"),
                rs.getBoolean("signing_enabled"),
                rs.getString("private_network_policy"),
                rs.getString("private_network_allowlist"),
                disabledAtMs,
                rs.getLong("created_at_ms"),
                rs.getLong("updated_at_ms"));
    }
}
