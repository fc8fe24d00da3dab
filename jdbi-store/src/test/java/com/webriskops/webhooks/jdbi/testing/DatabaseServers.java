package com.webriskops.webhooks.jdbi.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGConnectionPoolDataSource;

/**
 * The database servers the stores' tests run on, for jdbi-store's tests and the integration tests
 * that share its test jar: embedded PostgreSQL, and the PostgreSQL and MariaDB servers named by
 * {@value #POSTGRES_ENV} and {@value #MARIADB_ENV}, with one rule for a server that is absent or
 * down. Pools are H2's small {@link JdbcConnectionPool}; the caller disposes each.
 */
public final class DatabaseServers {
    /** The variable naming a PostgreSQL server's JDBC URL. */
    public static final String POSTGRES_ENV = "WEBHOOKS_TEST_POSTGRES_URL";

    /** The variable naming a MariaDB server's JDBC URL. */
    public static final String MARIADB_ENV = "WEBHOOKS_TEST_MARIADB_URL";

    private static final String POSTGRES_EXAMPLE = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    private static final String MARIADB_EXAMPLE = "jdbc:mariadb://127.0.0.1:3306/test?user=root&password=";

    /** Every table the migrations create, without the prefix, dependants first. */
    private static final String[] TABLES = {
        "nonces",
        "idempotency_keys",
        "idempotent_responses",
        "delivery_attempts",
        "deliveries",
        "export_targets",
        "dashboard_actions",
        "schema_history"
    };

    private DatabaseServers() {}

    /** The JDBC URL in {@value #POSTGRES_ENV}, under the rule of {@link #requireServer}. */
    public static String requirePostgresService() {
        return requireServer(POSTGRES_ENV, POSTGRES_EXAMPLE, url -> postgresPool(url, 1));
    }

    /** The JDBC URL in {@value #MARIADB_ENV}, under the rule of {@link #requireServer}. */
    public static String requireMariaDbService() {
        return requireServer(MARIADB_ENV, MARIADB_EXAMPLE, url -> mariaDbPool(url, 1));
    }

    /**
     * The JDBC URL in {@code envVar}. Skips the calling test when it is absent, with a message saying
     * how to enable it ({@code example} is such a URL). When it is set but the server cannot be
     * reached through {@code open}, skips too, except under {@code CI=true}, where it fails.
     */
    public static String requireServer(String envVar, String example, Function<String, JdbcConnectionPool> open) {
        String url = System.getenv(envVar);
        Assumptions.assumeTrue(
                url != null && !url.isBlank(),
                () -> envVar + " is not set: set it to a JDBC URL such as " + example
                        + " to run these tests against that server");
        JdbcConnectionPool probe = open.apply(url);
        try (Connection connection = probe.getConnection()) {
            connection.isValid(5);
        } catch (SQLException e) {
            String message = envVar + " is set but the server cannot be reached (" + e.getMessage() + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(message + "; under CI=true a configured database must be reachable", e);
            }
            Assumptions.abort(message);
        } finally {
            probe.dispose();
        }
        return url;
    }

    /** A pool of at most {@code size} connections on the PostgreSQL server at {@code url}. */
    public static JdbcConnectionPool postgresPool(String url, int size) {
        PGConnectionPoolDataSource source = new PGConnectionPoolDataSource();
        source.setURL(url);
        JdbcConnectionPool pool = JdbcConnectionPool.create(source);
        pool.setMaxConnections(size);
        return pool;
    }

    /**
     * A pool of at most {@code size} connections on the MariaDB server at {@code url}, with TLS off
     * unless the URL sets {@code sslMode}: Connector/J 4 asks for TLS by default, which a local test
     * server usually lacks, and the URLs developers and {@code .ci/run} pass may say nothing about it.
     *
     * @throws IllegalArgumentException if the driver refuses the URL
     */
    public static JdbcConnectionPool mariaDbPool(String url, int size) {
        String plain = url.contains("sslMode=") ? url : url + (url.contains("?") ? "&" : "?") + "sslMode=disable";
        try {
            JdbcConnectionPool pool = JdbcConnectionPool.create(new MariaDbDataSource(plain));
            pool.setMaxConnections(size);
            return pool;
        } catch (SQLException e) {
            throw new IllegalArgumentException("bad " + MARIADB_ENV + ": " + e.getMessage(), e);
        }
    }

    /** Starts an embedded PostgreSQL server on a free port; the caller closes it. */
    public static EmbeddedPostgres startEmbeddedPostgres() {
        try {
            return EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A table prefix starting with {@code start} that no other test class or run uses, so runs never see each other's rows. */
    public static String uniquePrefix(String start) {
        return start
                + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toLowerCase(Locale.ROOT) + "_";
    }

    /** Drops every table the migrations created with {@code prefix}; best effort, as the prefix is unique anyway. */
    public static void dropTables(DataSource dataSource, String prefix) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                statement.execute("DROP TABLE IF EXISTS " + prefix + table);
            }
        } catch (SQLException e) {
            // Leftovers carry a prefix no other run uses, so they never disturb another test.
        }
    }
}
