package com.webriskops.webhooks.jdbi.internal;

import jakarta.annotation.Nullable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * Runs fully rendered SQL with positional ({@code ?}) parameters on a connection borrowed from a
 * {@link Jdbi} for one statement or one short transaction: no SqlObject proxy, no template engine, no
 * argument factories, so the per-call work is a handle, a prepared statement and the driver.
 * Parameters may be {@link String}, {@link Long}, {@link Integer}, {@link Boolean} or a typed
 * {@link #nullOf null}. Thread-safe.
 */
public final class DirectSql {
    private final Jdbi jdbi;

    /** Statements on connections of {@code jdbi}. */
    public DirectSql(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    /** Reads the current row of a result. */
    @FunctionalInterface
    public interface RowReader<T> {
        /** The value of the current row of {@code rs}. */
        T read(ResultSet rs) throws SQLException;
    }

    /** Work done in one transaction on one connection. */
    @FunctionalInterface
    public interface TransactionWork<T> {
        /** Runs the statements on {@code connection}; committed when it returns, rolled back if it throws. */
        T run(Connection connection) throws SQLException;
    }

    /** A SQL {@code NULL} of a JDBC type ({@link Types}), as a parameter. */
    public record SqlNull(int type) {}

    /** A typed SQL {@code NULL} parameter. */
    public static SqlNull nullOf(int type) {
        return new SqlNull(type);
    }

    /** {@code value}, or a {@code BIGINT} null. */
    public static Object bigint(@Nullable Long value) {
        return value == null ? nullOf(Types.BIGINT) : value;
    }

    /** {@code value}, or an {@code INTEGER} null. */
    public static Object integer(@Nullable Integer value) {
        return value == null ? nullOf(Types.INTEGER) : value;
    }

    /** {@code value}, or a {@code VARCHAR} null. */
    public static Object varchar(@Nullable String value) {
        return value == null ? nullOf(Types.VARCHAR) : value;
    }

    /** {@code count} comma-separated placeholders, for an {@code IN (...)} list. */
    public static String placeholders(int count) {
        StringBuilder sql = new StringBuilder(count * 3);
        for (int i = 0; i < count; i++) {
            sql.append(i == 0 ? "?" : ", ?");
        }
        return sql.toString();
    }

    /**
     * Runs an update in its own round trip and returns its row count.
     *
     * @throws SQLException if the statement failed
     * @throws org.jdbi.v3.core.JdbiException if no connection could be borrowed
     */
    public int update(String sql, Object... params) throws SQLException {
        return jdbi.withHandle(handle -> update(handle.getConnection(), sql, params));
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
        return jdbi.withHandle(handle -> queryFirst(handle.getConnection(), sql, reader, params));
    }

    /**
     * Runs a statement that returns rows and reads them all, in the order returned.
     *
     * @throws SQLException if the statement failed
     * @throws org.jdbi.v3.core.JdbiException if no connection could be borrowed
     */
    public <T> List<T> queryList(String sql, RowReader<T> reader, Object... params) throws SQLException {
        return jdbi.withHandle(handle -> queryList(handle.getConnection(), sql, reader, params));
    }

    /**
     * Runs {@code work} in one transaction.
     *
     * @throws SQLException if a statement failed (the transaction is rolled back)
     * @throws org.jdbi.v3.core.JdbiException if no connection could be borrowed or the commit failed
     */
    public <T> T inTransaction(TransactionWork<T> work) throws SQLException {
        return jdbi.inTransaction(handle -> work.run(handle.getConnection()));
    }

    /** {@link #update(String, Object...)} on {@code connection}. */
    public static int update(Connection connection, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, params);
            return statement.executeUpdate();
        }
    }

    /** {@link #queryFirst(String, RowReader, Object...)} on {@code connection}. */
    @Nullable
    public static <T> T queryFirst(Connection connection, String sql, RowReader<T> reader, Object... params)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, params);
            statement.execute();
            try (ResultSet rs = statement.getResultSet()) {
                return rs != null && rs.next() ? reader.read(rs) : null;
            }
        }
    }

    /** {@link #queryList(String, RowReader, Object...)} on {@code connection}. */
    public static <T> List<T> queryList(Connection connection, String sql, RowReader<T> reader, Object... params)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, params);
            statement.execute();
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = statement.getResultSet()) {
                while (rs != null && rs.next()) {
                    rows.add(reader.read(rs));
                }
            }
            return rows;
        }
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
            } else if (param instanceof Boolean flag) {
                statement.setBoolean(index, flag);
            } else if (param instanceof SqlNull sqlNull) {
                statement.setNull(index, sqlNull.type());
            } else {
                throw new IllegalArgumentException(
                        "unsupported parameter type " + (param == null ? "null" : param.getClass()));
            }
        }
    }
}
