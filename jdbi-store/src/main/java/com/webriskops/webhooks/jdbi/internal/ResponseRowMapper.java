package com.webriskops.webhooks.jdbi.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps a row of the idempotent responses table to a {@link ResponseRow}. */
public final class ResponseRowMapper implements RowMapper<ResponseRow> {
    @Override
    public ResponseRow map(ResultSet rs, StatementContext ctx) throws SQLException {
        int status = rs.getInt("status_code");
        Integer statusOrNull = rs.wasNull() ? null : status;
        return new ResponseRow(
                rs.getString("scope"),
                rs.getString("idem_key"),
                rs.getString("fingerprint"),
                rs.getString("token"),
                rs.getLong("expires_at_ms"),
                statusOrNull,
                rs.getString("content_type"),
                rs.getBytes("body"));
    }
}
