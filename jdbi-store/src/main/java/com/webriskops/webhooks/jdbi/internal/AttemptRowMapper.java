package com.webriskops.webhooks.jdbi.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps a {@code <prefix>delivery_attempts} row to an {@link AttemptRow}. */
public final class AttemptRowMapper implements RowMapper<AttemptRow> {
    @Override
    public AttemptRow map(ResultSet rs, StatementContext ctx) throws SQLException {
        int httpStatus = rs.getInt("http_status");
        Integer nullableHttpStatus = rs.wasNull() ? null : httpStatus;
        return new AttemptRow(
                rs.getLong("delivery_id"),
                rs.getInt("log_seq"),
                rs.getInt("attempt"),
                rs.getString("status"),
                rs.getString("code"),
                nullableHttpStatus,
                rs.getString("message"),
                DeliveryRowMapper.nullableLong(rs, "retry_after_ms"),
                rs.getString("response_snippet"),
                rs.getBoolean("request_sent"),
                rs.getLong("started_at_ms"),
                rs.getLong("finished_at_ms"));
    }
}
