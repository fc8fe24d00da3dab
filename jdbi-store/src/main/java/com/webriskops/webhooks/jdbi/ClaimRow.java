package com.webriskops.webhooks.jdbi;

import jakarta.annotation.Nullable;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.statement.StatementContext;

/** An idempotency key's row as a claim left it: a null token means completed. */
record ClaimRow(@Nullable String token, long expiresAtMs) {
    /** The current row of {@code rs}; a JDBI {@link org.jdbi.v3.core.mapper.RowMapper}. */
    static ClaimRow map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new ClaimRow(rs.getString("token"), rs.getLong("expires_at_ms"));
    }
}
