package com.webriskops.webhooks.jdbi.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps {@code token, expires_at_ms} to a {@link ClaimRow}. */
public final class ClaimRowMapper implements RowMapper<ClaimRow> {
    @Override
    public ClaimRow map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new ClaimRow(rs.getString("token"), rs.getLong("expires_at_ms"));
    }
}
