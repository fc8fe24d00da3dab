package com.webriskops.webhooks.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Test;

/**
 * Regression: the shipped migrations lived under {@code db/migration}, Flyway's default location, so an
 * application running its own Flyway (Spring Boot does by default) found every dialect's V1 and failed
 * to start ("more than one migration with version 1"). They live beside the stores' classes now.
 */
class MigrationLocationTest {
    @Test
    void anApplicationsFlywayWithItsDefaultLocationFindsNoneOfTheStoresMigrations() throws Exception {
        JdbcConnectionPool h2 =
                JdbcConnectionPool.create("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        try {
            Flyway applications = Flyway.configure().dataSource(h2).load();
            assertThat(applications.info().all()).isEmpty();
            applications.migrate();

            JdbiStores.migrate(h2);

            for (SqlDialect dialect : SqlDialect.values()) {
                assertThat(Flyway.configure()
                                .dataSource(h2)
                                .locations(dialect.migrationLocation())
                                .table("probe_" + dialect.name().toLowerCase(java.util.Locale.ROOT))
                                .placeholders(java.util.Map.of(JdbiStores.TABLE_PREFIX_PLACEHOLDER, "probe_"))
                                .load()
                                .info()
                                .all())
                        .as(dialect.migrationLocation())
                        .isNotEmpty();
            }
            try (Connection connection = h2.getConnection();
                    ResultSet tables = connection.getMetaData().getTables(null, null, "webhook_schema_history", null)) {
                assertThat(tables.next()).isTrue();
            }
        } finally {
            h2.dispose();
        }
    }
}
