package com.webriskops.webhooks.jdbi;

import jakarta.annotation.Nullable;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.statement.StatementContext;

/** A row of {@code <prefix>delivery_attempts}, times in epoch milliseconds. */
record AttemptRow(
        long deliveryId,
        int logSeq,
        int attempt,
        String status,
        @Nullable String code,
        @Nullable Integer httpStatus,
        String message,
        @Nullable Long retryAfterMs,
        @Nullable String responseSnippet,
        boolean requestSent,
        long startedAtMs,
        long finishedAtMs) {

    /** The current row of {@code rs}; a JDBI {@link org.jdbi.v3.core.mapper.RowMapper}. */
    static AttemptRow map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new AttemptRow(
                rs.getLong("delivery_id"),
                rs.getInt("log_seq"),
                rs.getInt("attempt"),
                rs.getString("status"),
                rs.getString("code"),
                Statements.nullableInt(rs, "http_status"),
                rs.getString("message"),
                Statements.nullableLong(rs, "retry_after_ms"),
                rs.getString("response_snippet"),
                rs.getBoolean("request_sent"),
                rs.getLong("started_at_ms"),
                rs.getLong("finished_at_ms"));
    }
}
