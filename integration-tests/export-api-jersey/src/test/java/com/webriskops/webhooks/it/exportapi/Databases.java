package com.webriskops.webhooks.it.exportapi;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGConnectionPoolDataSource;

/** PostgreSQL and MariaDB pools and the service URLs, with the same skip and fail rules as jdbi-store's tests. */
final class Databases {
    static final String POSTGRES_ENV = "WEBHOOKS_TEST_POSTGRES_URL";
    static final String MARIADB_ENV = "WEBHOOKS_TEST_MARIADB_URL";

    private Databases() {}

    /** A pool on {@code url}; the caller disposes it. */
    static JdbcConnectionPool pool(String url) {
        PGConnectionPoolDataSource source = new PGConnectionPoolDataSource();
        source.setURL(url);
        JdbcConnectionPool pool = JdbcConnectionPool.create(source);
        pool.setMaxConnections(10);
        return pool;
    }

    /** A pool on the MariaDB server at {@code url} (TLS off unless the URL asks, as in jdbi-store); the caller disposes it. */
    static JdbcConnectionPool mariaDbPool(String url) {
        String plain = url.contains("sslMode=") ? url : url + (url.contains("?") ? "&" : "?") + "sslMode=disable";
        try {
            JdbcConnectionPool pool = JdbcConnectionPool.create(new MariaDbDataSource(plain));
            pool.setMaxConnections(10);
            return pool;
        } catch (SQLException e) {
            throw new IllegalArgumentException("bad " + MARIADB_ENV + ": " + e.getMessage(), e);
        }
    }

    /**
     * The JDBC URL in {@value #POSTGRES_ENV}; skips when it is absent, and when the server cannot be
     * reached, except under {@code CI=true}, where it fails.
     */
    static String requirePostgresService() {
        return requireServer(POSTGRES_ENV, "jdbc:postgresql://127.0.0.1:5432/test?user=postgres", Databases::pool);
    }

    /** The JDBC URL in {@value #MARIADB_ENV}, with the same skip and fail rules. */
    static String requireMariaDbService() {
        return requireServer(
                MARIADB_ENV, "jdbc:mariadb://127.0.0.1:3306/test?user=root&password=", Databases::mariaDbPool);
    }

    private static String requireServer(String env, String example, Function<String, JdbcConnectionPool> open) {
        String url = System.getenv(env);
        Assumptions.assumeTrue(
                url != null && !url.isBlank(),
                () -> env + " is not set: set it to a JDBC URL such as " + example
                        + " to run these tests against that server");
        JdbcConnectionPool probe = open.apply(url);
        try (Connection connection = probe.getConnection()) {
            connection.isValid(5);
        } catch (SQLException e) {
            String message = env + " is set but the server cannot be reached (" + e.getMessage() + ")";
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
