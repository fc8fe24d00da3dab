package com.webriskops.webhooks.jdbi.internal;

import jakarta.annotation.Nullable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * Runs fully rendered SQL with positional ({@code ?}) parameters on a connection borrowed from a
 * {@link Jdbi} for one statement: no SqlObject proxy, no template engine, no argument factories, so
 * the per-call work is a handle, a prepared statement and the driver. Thread-safe.
 */
public final class DirectSql {
    private final Jdbi jdbi;

    /** Statements on connections of {@code jdbi}. */
    public DirectSql(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    /** Reads the first row of a result; called only when there is one. */
    @FunctionalInterface
    public interface RowReader<T> {
        /** The value of the current row of {@code rs}. */
        T read(ResultSet rs) throws SQLException;
    }

    /**
     * Runs an update and returns its row count.
     *
     * @throws SQLException if the statement failed
     * @throws org.jdbi.v3.core.JdbiException if no connection could be borrowed
     */
    public int update(String sql, Object... params) throws SQLException {
        return jdbi.withHandle(handle -> {
            Connection connection = handle.getConnection();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(statement, params);
                return statement.executeUpdate();
            }
        });
    }

    /**
     * Runs a statement that returns rows ({@code SELECT}, {@code ... RETURNING}) and reads its first
     * row, or returns null when it returned none.
     *
     * @throws SQLException if the statement failed
     * @throws org.jdbi.v3.core.JdbiException if no connection could be borrowed
     */
    @Nullable
    public <T> T queryFirst(String sql, RowReader<T> reader, Object... params) throws SQLException {
        return jdbi.withHandle(handle -> {
            Connection connection = handle.getConnection();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(statement, params);
                statement.execute();
                try (ResultSet rs = statement.getResultSet()) {
                    return rs != null && rs.next() ? reader.read(rs) : null;
                }
            }
        });
    }

    private static void bind(PreparedStatement statement, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object param = params[i];
            int index = i + 1;
            if (param instanceof String text) {
                statement.setString(index, text);
            } else if (param instanceof Long number) {
                statement.setLong(index, number);
            } else if (param instanceof Integer number) {
                statement.setInt(index, number);
            } else if (param == null) {
                statement.setNull(index, Types.VARCHAR);
            } else {
                throw new IllegalArgumentException("unsupported parameter type " + param.getClass());
            }
        }
    }
}
