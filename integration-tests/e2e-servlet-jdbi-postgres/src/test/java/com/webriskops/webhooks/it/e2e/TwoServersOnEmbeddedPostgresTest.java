package com.webriskops.webhooks.it.e2e;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;

/** Two servers on a real PostgreSQL started from Maven artifacts (always runs, no install needed). */
class TwoServersOnEmbeddedPostgresTest extends TwoServersSharingOneDatabaseTest {
    private EmbeddedPostgres postgres;

    @Override
    String databaseUrl() {
        postgres = PostgresDatabases.startEmbedded();
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    @Override
    void stopDatabase() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }
}
