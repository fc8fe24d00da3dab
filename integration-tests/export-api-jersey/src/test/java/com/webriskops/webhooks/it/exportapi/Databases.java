package com.webriskops.webhooks.it.exportapi;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGConnectionPoolDataSource;

/** PostgreSQL pools and the service URL, with the same skip and fail rules as jdbi-store's tests. */
final class Databases {
    static final String POSTGRES_ENV = "WEBHOOKS_TEST_POSTGRES_URL";

    private Databases() {}

    /** A pool on {@code url}; the caller disposes it. */
    static JdbcConnectionPool pool(String url) {
        PGConnectionPoolDataSource source = new PGConnectionPoolDataSource();
        source.setURL(url);
        JdbcConnectionPool pool = JdbcConnectionPool.create(source);
        pool.setMaxConnections(10);
        return pool;
    }

    /**
     * The JDBC URL in {@value #POSTGRES_ENV}; skips when it is absent, and when the server cannot be
     * reached, except under {@code CI=true}, where it fails.
     */
    static String requirePostgresService() {
        String url = System.getenv(POSTGRES_ENV);
        Assumptions.assumeTrue(
                url != null && !url.isBlank(),
                () -> POSTGRES_ENV + " is not set: set it to a JDBC URL such as"
                        + " jdbc:postgresql://127.0.0.1:5432/test?user=postgres to run these tests against that server");
        JdbcConnectionPool probe = pool(url);
        try (Connection connection = probe.getConnection()) {
            connection.isValid(5);
        } catch (SQLException e) {
            String message = POSTGRES_ENV + " is set but the server cannot be reached (" + e.getMessage() + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(message + "; under CI=true a configured database must be reachable", e);
            }
            Assumptions.abort(message);
        } finally {
            probe.dispose();
        }
        return url;
    }
}
