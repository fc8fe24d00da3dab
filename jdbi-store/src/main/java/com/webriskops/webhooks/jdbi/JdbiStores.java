package com.webriskops.webhooks.jdbi;

import com.webriskops.webhooks.store.StoreException;
import jakarta.annotation.Nullable;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * The JDBI replay, duplicate-guard and idempotent-answer stores, the sender's delivery outbox and the
 * export-target store for one database and table prefix, and the call that creates their tables.
 *
 * <pre>{@code
 * JdbiStores.migrate(dataSource);
 * JdbiStores stores = JdbiStores.create(dataSource);
 * }</pre>
 *
 * <p>Immutable and thread-safe; so are the stores it hands out.
 */
public final class JdbiStores {
    /** The table prefix used unless the builder sets another: tables are {@code webhook_nonces} etc. */
    public static final String DEFAULT_TABLE_PREFIX = "webhook_";

    /** The Flyway placeholder the shipped migrations use for the table prefix. */
    public static final String TABLE_PREFIX_PLACEHOLDER = "table_prefix";

    /** Default most rows one purge statement deletes. */
    public static final int DEFAULT_PURGE_BATCH_SIZE = 1000;

    private static final Pattern TABLE_PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,30}");

    private final SqlDialect dialect;
    private final String tablePrefix;
    private final JdbiReplayStore replayStore;
    private final JdbiIdempotencyStore idempotencyStore;
    private final JdbiIdempotentResponseStore idempotentResponseStore;
    private final JdbiDeliveryStore deliveryStore;
    private final JdbiTargetStore targetStore;

    private JdbiStores(
            Jdbi jdbi, @Nullable DataSource own, SqlDialect dialect, String tablePrefix, int purgeBatchSize) {
        this.dialect = dialect;
        this.tablePrefix = tablePrefix;
        StoreSql sql = new StoreSql(jdbi, own, dialect, tablePrefix);
        this.replayStore = new JdbiReplayStore(sql, tablePrefix, purgeBatchSize);
        this.idempotencyStore = new JdbiIdempotencyStore(sql, tablePrefix, purgeBatchSize);
        this.idempotentResponseStore = new JdbiIdempotentResponseStore(
                new ResponseSql(jdbi, dialect, tablePrefix), tablePrefix, purgeBatchSize);
        this.deliveryStore = new JdbiDeliveryStore(new DeliverySql(jdbi, own, dialect, tablePrefix), tablePrefix);
        this.targetStore = new JdbiTargetStore(new TargetSql(jdbi, tablePrefix), tablePrefix);
    }

    /**
     * Stores on {@code dataSource} with the default table prefix, the dialect detected from a
     * connection's metadata. The tables must exist (see {@link #migrate(DataSource)}).
     *
     * @throws StoreException if no connection could be opened to detect the dialect
     * @throws IllegalStateException if the database is not PostgreSQL, MariaDB or H2
     */
    public static JdbiStores create(DataSource dataSource) {
        return builder(dataSource).build();
    }

    /**
     * Stores on {@code jdbi} with the default table prefix; see {@link #builder(Jdbi)}.
     *
     * @throws StoreException if no connection could be opened to detect the dialect
     * @throws IllegalStateException if the database is not PostgreSQL, MariaDB or H2
     */
    public static JdbiStores create(Jdbi jdbi) {
        return builder(jdbi).build();
    }

    /**
     * A builder for stores on {@code dataSource}, through a {@link Jdbi} of their own (and, for the
     * nonce and idempotency-key checks that run on every request, plain JDBC on the same data source).
     */
    public static Builder builder(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        return new Builder(Jdbi.create(dataSource), dataSource);
    }

    /**
     * A builder for stores on the application's {@code jdbi}, which is not changed: the stores'
     * statements choose their own SQL parser and template engine, so the application's settings for
     * those do not affect them.
     */
    public static Builder builder(Jdbi jdbi) {
        Objects.requireNonNull(jdbi, "jdbi");
        return new Builder(jdbi, null);
    }

    /**
     * Creates or updates the stores' tables with the default prefix; see {@link #migrate(DataSource,
     * String)}.
     *
     * @throws StoreException if the database could not be reached or a migration failed
     */
    public static void migrate(DataSource dataSource) {
        migrate(dataSource, DEFAULT_TABLE_PREFIX);
    }

    /**
     * Creates or updates the stores' tables by applying the shipped Flyway migrations for the detected
     * dialect, with {@code tablePrefix} as placeholder. Flyway's history is kept in its own table,
     * {@code <tablePrefix>schema_history}, so it never mixes with the application's own Flyway
     * history; an existing schema with other tables is fine. Safe to call on every start and from
     * several instances at once (Flyway locks its history table).
     *
     * @throws StoreException if the database could not be reached or a migration failed
     * @throws IllegalArgumentException if {@code tablePrefix} does not match {@code
     *     [a-z][a-z0-9_]{0,30}}
     * @throws IllegalStateException if the database is not PostgreSQL, MariaDB or H2
     */
    public static void migrate(DataSource dataSource, String tablePrefix) {
        Objects.requireNonNull(dataSource, "dataSource");
        checkTablePrefix(tablePrefix);
        SqlDialect dialect;
        try (Connection connection = dataSource.getConnection()) {
            dialect = detect(connection);
        } catch (SQLException e) {
            throw new StoreException("Could not connect to detect the database for the webhook store migrations", e);
        }
        try {
            Flyway.configure(JdbiStores.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations(dialect.migrationLocation())
                    .placeholders(Map.of(TABLE_PREFIX_PLACEHOLDER, tablePrefix))
                    .table(tablePrefix + "schema_history")
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new StoreException("The webhook store migrations failed", e);
        }
    }

    /** The detected or configured dialect. */
    public SqlDialect dialect() {
        return dialect;
    }

    /** The table prefix. */
    public String tablePrefix() {
        return tablePrefix;
    }

    /** The replay store; the same instance on every call. */
    public JdbiReplayStore replayStore() {
        return replayStore;
    }

    /** The duplicate-guard store; the same instance on every call. */
    public JdbiIdempotencyStore idempotencyStore() {
        return idempotencyStore;
    }

    /**
     * The store of idempotent API answers ({@code Idempotency-Key}, table {@code
     * <prefix>idempotent_responses}), for {@link com.webriskops.webhooks.idempotency.IdempotentRequests};
     * the same instance on every call.
     */
    public JdbiIdempotentResponseStore idempotentResponseStore() {
        return idempotentResponseStore;
    }

    /**
     * The sender's delivery outbox, for a {@link com.webriskops.webhooks.sender.outbox.Dispatcher}; the same
     * instance on every call. Its tables come with {@link #migrate(DataSource, String)}.
     */
    public JdbiDeliveryStore deliveryStore() {
        return deliveryStore;
    }

    /**
     * The ticket-export API's targets (table {@code <prefix>export_targets}, settings only, never a
     * secret); the same instance on every call. Its table comes with {@link #migrate(DataSource,
     * String)}.
     */
    public JdbiTargetStore targetStore() {
        return targetStore;
    }

    @Override
    public String toString() {
        return "JdbiStores[dialect=" + dialect + ", tablePrefix=" + tablePrefix + "]";
    }

    /**
     * The dialect of the database behind {@code connection}.
     *
     * @throws IllegalStateException if the database is not one the stores support
     */
    private static SqlDialect detect(Connection connection) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        String product = String.valueOf(metaData.getDatabaseProductName()).toLowerCase(Locale.ROOT);
        String version = String.valueOf(metaData.getDatabaseProductVersion()).toLowerCase(Locale.ROOT);
        if (product.contains("postgresql")) {
            return SqlDialect.POSTGRESQL;
        }
        if (product.equals("h2")) {
            return SqlDialect.H2;
        }
        if (product.contains("mariadb") || version.contains("mariadb")) {
            return SqlDialect.MARIADB;
        }
        if (product.contains("mysql")) {
            throw new IllegalStateException("MySQL is not supported yet: the stores need INSERT ... RETURNING,"
                    + " which MariaDB 10.5+ has and MySQL lacks");
        }
        throw new IllegalStateException(
                "unsupported database '" + metaData.getDatabaseProductName() + "'; supported: PostgreSQL, MariaDB, H2");
    }

    private static String checkTablePrefix(String tablePrefix) {
        Objects.requireNonNull(tablePrefix, "tablePrefix");
        if (!TABLE_PREFIX.matcher(tablePrefix).matches()) {
            throw new IllegalArgumentException(
                    "tablePrefix must match [a-z][a-z0-9_]{0,30}, not '" + tablePrefix + "'");
        }
        return tablePrefix;
    }

    /**
     * Builds {@link JdbiStores}. Not thread-safe; {@link #build()} freezes a copy, so the builder may be
     * changed and reused afterwards.
     */
    public static final class Builder {
        private final Jdbi jdbi;
        private final @Nullable DataSource own;
        private String tablePrefix = DEFAULT_TABLE_PREFIX;
        private @Nullable SqlDialect dialect;
        private int purgeBatchSize = DEFAULT_PURGE_BATCH_SIZE;

        private Builder(Jdbi jdbi, @Nullable DataSource own) {
            this.jdbi = jdbi;
            this.own = own;
        }

        /**
         * The prefix of the stores' table names (default {@value JdbiStores#DEFAULT_TABLE_PREFIX}); it
         * must be the prefix the tables were migrated with.
         *
         * @throws IllegalArgumentException if it does not match {@code [a-z][a-z0-9_]{0,30}}
         */
        public Builder tablePrefix(String tablePrefix) {
            this.tablePrefix = checkTablePrefix(tablePrefix);
            return this;
        }

        /** The dialect to use instead of detecting it from the connection's metadata. */
        public Builder dialect(SqlDialect dialect) {
            this.dialect = Objects.requireNonNull(dialect, "dialect");
            return this;
        }

        /**
         * The most rows one purge statement deletes (default {@value
         * JdbiStores#DEFAULT_PURGE_BATCH_SIZE}); larger purges run several statements.
         *
         * @throws IllegalArgumentException if it is not positive
         */
        public Builder purgeBatchSize(int purgeBatchSize) {
            if (purgeBatchSize <= 0) {
                throw new IllegalArgumentException("purgeBatchSize must be positive, not " + purgeBatchSize);
            }
            this.purgeBatchSize = purgeBatchSize;
            return this;
        }

        /**
         * The stores. Opens one connection to detect the dialect unless {@link #dialect} was set.
         *
         * @throws StoreException if no connection could be opened to detect the dialect
         * @throws IllegalStateException if the database is not PostgreSQL, MariaDB or H2
         */
        public JdbiStores build() {
            SqlDialect chosen = dialect != null ? dialect : detect(jdbi);
            return new JdbiStores(jdbi, own, chosen, tablePrefix, purgeBatchSize);
        }

        private static SqlDialect detect(Jdbi jdbi) {
            try {
                return jdbi.withHandle(handle -> JdbiStores.detect(handle.getConnection()));
            } catch (JdbiException e) {
                throw new StoreException("Could not connect to detect the database of the webhook stores", e);
            } catch (SQLException e) {
                throw new StoreException("Could not read the database metadata of the webhook stores", e);
            }
        }
    }
}
