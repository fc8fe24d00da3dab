package com.webriskops.webhooks.jdbi;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGConnectionPoolDataSource;

/** Databases for the tests: H2 and embedded PostgreSQL always, servers given by environment. */
final class TestDatabases {
    static final String POSTGRES_ENV = "WEBHOOKS_TEST_POSTGRES_URL";
    static final String MARIADB_ENV = "WEBHOOKS_TEST_MARIADB_URL";
    static final int POOL_SIZE = 20;

    private TestDatabases() {}

    /** A table prefix no other test class or run uses, so runs never see each other's rows. */
    static String uniquePrefix() {
        return "t"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toLowerCase(Locale.ROOT) + "_";
    }

    static JdbcConnectionPool h2() {
        JdbcConnectionPool pool =
                JdbcConnectionPool.create("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        pool.setMaxConnections(POOL_SIZE);
        return pool;
    }

    static EmbeddedPostgres startEmbeddedPostgres() {
        try {
            return EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JdbcConnectionPool pooledPostgres(String url) {
        PGConnectionPoolDataSource source = new PGConnectionPoolDataSource();
        source.setURL(url);
        JdbcConnectionPool pool = JdbcConnectionPool.create(source);
        pool.setMaxConnections(POOL_SIZE);
        return pool;
    }

    static JdbcConnectionPool pooledMariaDb(String url) {
        try {
            JdbcConnectionPool pool = JdbcConnectionPool.create(new MariaDbDataSource(withoutTlsUnlessAsked(url)));
            pool.setMaxConnections(POOL_SIZE);
            return pool;
        } catch (SQLException e) {
            throw new IllegalArgumentException("bad " + MARIADB_ENV + ": " + e.getMessage(), e);
        }
    }

    /**
     * MariaDB Connector/J 4 asks for TLS by default, which a local test server usually lacks; the
     * URLs in DEVELOPERS.md and {@code .ci/run} say nothing about TLS, so tests turn it off unless the
     * URL sets {@code sslMode} itself.
     */
    static String withoutTlsUnlessAsked(String url) {
        if (url.contains("sslMode=")) {
            return url;
        }
        return url + (url.contains("?") ? "&" : "?") + "sslMode=disable";
    }

    /**
     * The JDBC URL in {@code envVar}. Skips the calling test class when it is absent, with a message
     * saying how to enable it. When it is set but the server cannot be reached, skips too, except
     * under {@code CI=true}, where it fails.
     */
    static String requireServer(String envVar, String example, java.util.function.Function<String, DataSource> open) {
        String url = System.getenv(envVar);
        Assumptions.assumeTrue(
                url != null && !url.isBlank(),
                () -> envVar + " is not set: set it to a JDBC URL such as " + example
                        + " to run these tests against that server");
        DataSource probe = open.apply(url);
        try (Connection connection = probe.getConnection()) {
            connection.isValid(5);
        } catch (SQLException e) {
            String message = envVar + " is set but the server cannot be reached (" + e.getMessage() + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(message + "; under CI=true a configured database must be reachable", e);
            }
            Assumptions.abort(message);
        } finally {
            if (probe instanceof JdbcConnectionPool pool) {
                pool.dispose();
            }
        }
        return url;
    }

    /** Drops the tables a test class created with {@code prefix}. */
    static void dropTables(DataSource dataSource, String prefix) {
        try (Connection connection = dataSource.getConnection();
                var statement = connection.createStatement()) {
            for (String table : new String[] {
                "nonces",
                "idempotency_keys",
                "idempotent_responses",
                "delivery_attempts",
                "deliveries",
                "export_targets",
                "schema_history"
            }) {
                statement.execute("DROP TABLE IF EXISTS " + prefix + table);
            }
        } catch (SQLException e) {
            // Best effort: the prefix is unique, so leftovers never disturb another run.
        }
    }
}
