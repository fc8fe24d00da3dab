package com.webriskops.webhooks.jdbi.internal;

import com.webriskops.webhooks.store.StoreException;
import jakarta.annotation.Nullable;
import java.sql.SQLException;
import java.util.function.Supplier;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Runs store statements and turns database failures into {@link StoreException}s whose message names
 * the operation and the SQLState but never the SQL or its parameters (the cause keeps the details).
 */
public final class StoreErrors {
    /** How often a statement is repeated after losing a unique-key race (H2 reports it as an error). */
    private static final int UNIQUE_RACE_ATTEMPTS = 5;

    private StoreErrors() {}

    /**
     * Runs {@code call}; repeats it when it lost an insert race with a unique-key violation.
     *
     * @throws StoreException if the database could not be reached or the statement failed
     */
    public static <T> T run(String operation, Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (JdbiException e) {
                SQLException sql = findSqlException(e);
                if (sql != null && "23505".equals(sql.getSQLState()) && attempt < UNIQUE_RACE_ATTEMPTS) {
                    continue;
                }
                throw new StoreException(message(operation, sql), e);
            }
        }
    }

    /** A statement that may fail with a driver exception. */
    @FunctionalInterface
    public interface SqlCall<T> {
        /** Runs the statement. */
        T call() throws SQLException;
    }

    /**
     * Runs {@code call} like {@link #run}, for statements that report driver exceptions directly; the
     * {@link StoreException}'s cause is then a {@link JdbiException} whose cause is the driver's.
     *
     * @throws StoreException if the database could not be reached or the statement failed
     */
    public static <T> T runSql(String operation, SqlCall<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.call();
            } catch (SQLException e) {
                if ("23505".equals(e.getSQLState()) && attempt < UNIQUE_RACE_ATTEMPTS) {
                    continue;
                }
                // Keep the cause a JdbiException, as for statements run through JDBI's own API.
                throw new StoreException(
                        message(operation, e), new UnableToExecuteStatementException("statement failed", e, null));
            } catch (JdbiException e) {
                SQLException sql = findSqlException(e);
                if (sql != null && "23505".equals(sql.getSQLState()) && attempt < UNIQUE_RACE_ATTEMPTS) {
                    continue;
                }
                throw new StoreException(message(operation, sql), e);
            }
        }
    }

    private static String message(String operation, @Nullable SQLException sql) {
        StringBuilder message = new StringBuilder("Database error while the webhook store tried to ").append(operation);
        if (sql != null) {
            message.append(" (SQLState ")
                    .append(sql.getSQLState())
                    .append(", vendor code ")
                    .append(sql.getErrorCode())
                    .append(')');
        }
        return message.toString();
    }

    @Nullable
    private static SQLException findSqlException(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
