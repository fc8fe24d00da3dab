package com.webriskops.webhooks.it.exportapi;

import com.webriskops.webhooks.jdbi.testing.DatabaseServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import org.h2.jdbcx.JdbcConnectionPool;

/** The ticket-export API on the JDBI store on a real PostgreSQL started from Maven artifacts (always runs). */
class EmbeddedPostgresExportApiTest extends ExportApiSuite {
    private EmbeddedPostgres postgres;

    @Override
    JdbcConnectionPool openDataSource() {
        postgres = DatabaseServers.startEmbeddedPostgres();
        return DatabaseServers.postgresPool(postgres.getJdbcUrl("postgres", "postgres"), POOL_SIZE);
    }

    @Override
    void closeDatabase() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }
}
