package com.webriskops.webhooks.it.e2e;

import com.webriskops.webhooks.jdbi.testing.DatabaseServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;

/** Two servers on a real PostgreSQL started from Maven artifacts (always runs, no install needed). */
class TwoServersOnEmbeddedPostgresTest extends TwoServersSharingOneDatabaseTest {
    private EmbeddedPostgres postgres;

    @Override
    String databaseUrl() {
        postgres = DatabaseServers.startEmbeddedPostgres();
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    @Override
    void stopDatabase() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }
}
