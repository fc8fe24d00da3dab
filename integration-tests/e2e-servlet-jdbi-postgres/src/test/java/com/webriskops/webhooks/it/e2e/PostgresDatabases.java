package com.webriskops.webhooks.it.e2e;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGConnectionPoolDataSource;

/**
 * The PostgreSQL databases the end-to-end tests share between two servers: embedded (always) and the
 * server named by {@value #POSTGRES_ENV}, with the same skip and fail rules as jdbi-store's tests.
 */
final class PostgresDatabases {
    static final String POSTGRES_ENV = "WEBHOOKS_TEST_POSTGRES_URL";
    static final String EXAMPLE_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    /** Connections per pool: each server instance has its own pool, as two app instances would. */
    static final int POOL_SIZE = 10;

    private PostgresDatabases() {}

    /** A table prefix no other test class or run uses, so runs never see each other's rows. */
    static String uniquePrefix() {
        return "e2e"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toLowerCase(Locale.ROOT) + "_";
    }

    static EmbeddedPostgres startEmbedded() {
        try {
            return EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new connection pool on {@code url}; the caller disposes it. */
    static JdbcConnectionPool pool(String url) {
        PGConnectionPoolDataSource source = new PGConnectionPoolDataSource();
        source.setURL(url);
        JdbcConnectionPool pool = JdbcConnectionPool.create(source);
        pool.setMaxConnections(POOL_SIZE);
        return pool;
    }

    /**
     * The JDBC URL in {@value #POSTGRES_ENV}. Skips the calling test class when it is absent, with a
     * message saying how to enable it. When it is set but the server cannot be reached, skips too,
     * except under {@code CI=true}, where it fails.
     */
    static String requireService() {
        String url = System.getenv(POSTGRES_ENV);
        Assumptions.assumeTrue(
                url != null && !url.isBlank(),
                () -> POSTGRES_ENV + " is not set: set it to a JDBC URL such as " + EXAMPLE_URL
                        + " to run these tests against that server");
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

    /** Drops the tables migrated with {@code prefix}; best effort, as the prefix is unique anyway. */
    static void dropTables(DataSource dataSource, String prefix) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            for (String table : new String[] {"nonces", "idempotency_keys", "schema_history"}) {
                statement.execute("DROP TABLE IF EXISTS " + prefix + table);
            }
        } catch (SQLException e) {
            // Leftovers carry a prefix no other run uses, so they never disturb another test.
        }
    }
}
