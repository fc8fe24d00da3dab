package com.webriskops.webhooks.it.exportapi;

import com.webriskops.webhooks.jdbi.testing.DatabaseServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;

/** The ticket-export API on the JDBI store on a real PostgreSQL started from Maven artifacts (always runs). */
class EmbeddedPostgresExportApiTest extends ExportApiSuite {
    private EmbeddedPostgres postgres;

    @Override
    DataSource openDataSource() {
        postgres = DatabaseServers.startEmbeddedPostgres();
        return DatabaseServers.postgresPool(postgres.getJdbcUrl("postgres", "postgres"), POOL_SIZE);
    }

    @Override
    void close(DataSource dataSource) {
        ((JdbcConnectionPool) dataSource).dispose();
        try {
            postgres.close();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
