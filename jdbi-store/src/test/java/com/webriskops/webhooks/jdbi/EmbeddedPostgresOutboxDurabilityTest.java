package com.webriskops.webhooks.jdbi;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;

/** The outbox durability tests on embedded PostgreSQL (always run). */
class EmbeddedPostgresOutboxDurabilityTest extends OutboxDurabilityTest {
    private EmbeddedPostgres postgres;

    @Override
    String jdbcUrl() {
        if (postgres == null) {
            postgres = TestDatabases.startEmbeddedPostgres();
        }
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    @AfterAll
    void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }
}
