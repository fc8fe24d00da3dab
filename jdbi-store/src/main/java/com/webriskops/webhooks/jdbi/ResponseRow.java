package com.webriskops.webhooks.jdbi;

import jakarta.annotation.Nullable;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.statement.StatementContext;

/** A row of the idempotent responses table, as read back. */
record ResponseRow(
        String scope,
        String key,
        String fingerprint,
        @Nullable String token,
        long expiresAtMs,
        @Nullable Integer status,
        @Nullable String contentType,
        @Nullable byte[] body) {

    /** The current row of {@code rs}; a JDBI {@link org.jdbi.v3.core.mapper.RowMapper}. */
    static ResponseRow map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new ResponseRow(
                rs.getString("scope"),
                rs.getString("idem_key"),
                rs.getString("fingerprint"),
                rs.getString("token"),
                rs.getLong("expires_at_ms"),
                Statements.nullableInt(rs, "status_code"),
                rs.getString("content_type"),
                rs.getBytes("body"));
    }
}
