package com.webriskops.webhooks.jdbi;

import jakarta.annotation.Nullable;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.ColonPrefixSqlParser;
import org.jdbi.v3.core.statement.DefinedAttributeTemplateEngine;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlParser;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.TemplateEngine;
import org.jdbi.v3.core.statement.Update;

/**
 * How every store statement is created on a JDBI {@link Handle}: {@code :name} binds parsed by JDBI's
 * colon-prefix parser, which caches each parsed statement, and no template engine, so a statement is
 * never rendered per call and the application's own parser and template settings never reach the
 * stores' SQL. The SQL itself is built once per store, from a validated table prefix, by the
 * {@code *Sql} classes. Only a statement with an {@code IN (<ids>)} list (filled by {@link
 * SqlStatement#bindList}) goes through JDBI's defined-attribute engine, with a parser cache of its
 * own so that its many list lengths never push the fixed statements out of theirs.
 */
final class Statements {
    private static final SqlParser NAMED = new ColonPrefixSqlParser();
    private static final SqlParser NAMED_LISTS = new ColonPrefixSqlParser();
    private static final TemplateEngine LISTS = new DefinedAttributeTemplateEngine();

    private Statements() {}

    /**
     * The dialect's statement deleting one batch of {@code table}'s expired rows: at most {@code :limit}
     * whose {@code expires_at_ms} is at or before {@code :nowMs}. PostgreSQL has no {@code DELETE ...
     * LIMIT}, so it deletes the rows (by their {@code key} columns) that a sub-select locks {@code FOR
     * UPDATE SKIP LOCKED}, and concurrent purgers take different rows; MariaDB deletes {@code ORDER BY
     * expires_at_ms LIMIT}; H2 {@code FETCH FIRST}. Run it with {@link #purge}.
     *
     * @param key the table's key columns, comma-separated, such as {@code scope, idem_key}
     */
    static String purgeExpired(SqlDialect dialect, String table, String key) {
        return switch (dialect) {
            case POSTGRESQL ->
                "DELETE FROM " + table + " WHERE expires_at_ms <= :nowMs AND (" + key + ") IN"
                        + " (SELECT " + key + " FROM " + table + " WHERE expires_at_ms <= :nowMs LIMIT :limit"
                        + " FOR UPDATE SKIP LOCKED)";
            case MARIADB ->
                "DELETE FROM " + table + " WHERE expires_at_ms <= :nowMs ORDER BY expires_at_ms LIMIT :limit";
            case H2 -> "DELETE FROM " + table + " WHERE expires_at_ms <= :nowMs FETCH FIRST :limit ROWS ONLY";
        };
    }

    /** Runs a {@link #purgeExpired} statement once; returns the rows it deleted. */
    static int purge(Jdbi jdbi, String purgeExpired, long nowMs, int limit) {
        return execute(jdbi, purgeExpired, update -> update.bind("nowMs", nowMs).bind("limit", limit));
    }

    /** Runs {@code sql} as an {@link #update} on a handle of {@code jdbi}, bound by {@code binds}; returns the rows changed. */
    static int execute(Jdbi jdbi, String sql, UnaryOperator<Update> binds) {
        return jdbi.withHandle(handle -> binds.apply(update(handle, sql)).execute());
    }

    /** {@code sql} as an update (or delete, or insert without result rows). */
    static Update update(Handle handle, String sql) {
        return handle.createUpdate(sql).setSqlParser(NAMED).setTemplateEngine(TemplateEngine.NOP);
    }

    /** {@code sql} as a statement that returns rows ({@code SELECT}, {@code ... RETURNING}). */
    static Query query(Handle handle, String sql) {
        return handle.createQuery(sql).setSqlParser(NAMED).setTemplateEngine(TemplateEngine.NOP);
    }

    /** A call on a prepared JDBC statement. */
    @FunctionalInterface
    interface JdbcCall<T> {
        T run(java.sql.PreparedStatement statement) throws SQLException;
    }

    /** A call on a borrowed JDBC connection. */
    @FunctionalInterface
    interface ConnectionCall<T> {
        T run(java.sql.Connection connection);
    }

    /**
     * {@code sql} (with {@code ?} parameters) prepared on {@code connection} and run by {@code call}:
     * for the few statements that run on every request, without JDBI's per-statement work
     * (named-parameter binding, statement context, result producers). The driver caches the prepared
     * statement per connection, as it does for JDBI's. A driver failure becomes a {@link
     * StoreErrors.JdbcFailure}, which {@link StoreErrors#run} turns into a store exception.
     */
    static <T> T jdbc(java.sql.Connection connection, String sql, JdbcCall<T> call) {
        try (java.sql.PreparedStatement statement = connection.prepareStatement(sql)) {
            return call.run(statement);
        } catch (SQLException e) {
            throw new StoreErrors.JdbcFailure(e);
        }
    }

    /**
     * Runs {@code call} on a connection: straight from {@code own}, the data source of a Jdbi the stores
     * made themselves (no JDBI handle to build for statements that run on every request or attempt),
     * or, when the application gave its own Jdbi ({@code own} null), on one of its handles, so its
     * connection handling applies.
     */
    static <T> T onConnection(Jdbi jdbi, @Nullable DataSource own, ConnectionCall<T> call) {
        if (own == null) {
            return jdbi.withHandle(handle -> call.run(handle.getConnection()));
        }
        try (java.sql.Connection connection = own.getConnection()) {
            return call.run(connection);
        } catch (SQLException e) {
            throw new StoreErrors.JdbcFailure(e);
        }
    }

    /**
     * Runs {@code call} on a connection inside one transaction, committed when it returns and rolled
     * back when it throws: on a connection straight from {@code own} (see {@link #onConnection}), or in
     * a transaction of one of the application's Jdbi's handles.
     */
    static <T> T inTransaction(Jdbi jdbi, @Nullable DataSource own, ConnectionCall<T> call) {
        if (own == null) {
            return jdbi.inTransaction(handle -> call.run(handle.getConnection()));
        }
        try (java.sql.Connection connection = own.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = call.run(connection);
                connection.commit();
                return result;
            } catch (RuntimeException | Error e) {
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new StoreErrors.JdbcFailure(e);
        }
    }

    /** Sets parameter {@code index} to {@code value}, or to SQL {@code NULL} of {@code sqlType}. */
    static void setNullable(java.sql.PreparedStatement statement, int index, @Nullable Object value, int sqlType)
            throws SQLException {
        if (value == null) {
            statement.setNull(index, sqlType);
        } else {
            statement.setObject(index, value, sqlType);
        }
    }

    /** {@code sql} with an {@code <ids>} list, as an update. */
    static Update updateWithList(Handle handle, String sql) {
        return handle.createUpdate(sql).setSqlParser(NAMED_LISTS).setTemplateEngine(LISTS);
    }

    /** {@code sql} with an {@code <ids>} list, as a statement that returns rows. */
    static Query queryWithList(Handle handle, String sql) {
        return handle.createQuery(sql).setSqlParser(NAMED_LISTS).setTemplateEngine(LISTS);
    }

    /** The column's value in the current row, or null when it is SQL {@code NULL}. */
    @Nullable
    static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    /** The column's value in the current row, or null when it is SQL {@code NULL}. */
    @Nullable
    static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
