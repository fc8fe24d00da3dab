package com.webriskops.webhooks.jdbi;

import com.webriskops.webhooks.store.StoreException;
import jakarta.annotation.Nullable;
import java.sql.SQLException;
import java.util.function.Supplier;
import org.jdbi.v3.core.JdbiException;

/**
 * Runs store statements and turns database failures into {@link StoreException}s whose message names
 * the operation and the SQLState but never the SQL or its parameters; the cause is JDBI's exception,
 * which keeps the driver's.
 */
final class StoreErrors {
    /** How often a statement is repeated after losing a unique-key race (H2 reports it as an error). */
    private static final int UNIQUE_RACE_ATTEMPTS = 5;

    private StoreErrors() {}

    /**
     * Runs {@code call}; repeats it when it lost an insert race with a unique-key violation.
     *
     * @throws StoreException if the database could not be reached or the statement failed
     */
    static <T> T run(String operation, Supplier<T> call) {
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

    /**
     * A driver failure of a statement run on plain JDBC ({@link Statements#jdbc}), a {@link
     * JdbiException} like those of the statements JDBI runs; never leaves the stores.
     */
    static final class JdbcFailure extends JdbiException {
        private static final long serialVersionUID = 1L;

        JdbcFailure(SQLException cause) {
            super("the database refused a webhook store statement", cause);
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
