package com.webriskops.webhooks.jdbi;

/**
 * The databases the JDBI stores speak to. Normally detected from the JDBC connection's metadata;
 * set it on {@link JdbiStores.Builder#dialect} when detection cannot work (for instance behind a
 * proxy driver).
 */
public enum SqlDialect {
    /** PostgreSQL 9.5 or later ({@code INSERT ... ON CONFLICT}). */
    POSTGRESQL("postgresql"),
    /** MariaDB 10.5 or later ({@code INSERT ... ON DUPLICATE KEY UPDATE ... RETURNING}). */
    MARIADB("mysql"),
    /** H2 2.x ({@code MERGE INTO ... USING}), for demos, tests and small single-node setups. */
    H2("h2");

    private final String migrationFolder;

    SqlDialect(String migrationFolder) {
        this.migrationFolder = migrationFolder;
    }

    /**
     * The Flyway location of this dialect's migrations, such as {@code
     * classpath:com/webriskops/webhooks/jdbi/migration/postgresql}, for applications that run their own
     * Flyway: add it to their locations and set the placeholder {@value JdbiStores#TABLE_PREFIX_PLACEHOLDER}.
     */
    public String migrationLocation() {
        return "classpath:com/webriskops/webhooks/jdbi/migration/" + migrationFolder;
    }
}
