package com.webriskops.webhooks.it.exportapi;

import com.webriskops.webhooks.jdbi.testing.DatabaseServers;
import org.h2.jdbcx.JdbcConnectionPool;

/** The ticket-export API on the JDBI store on the PostgreSQL server named by {@code WEBHOOKS_TEST_POSTGRES_URL}. */
class PostgresServiceExportApiTest extends ExportApiSuite {
    @Override
    JdbcConnectionPool openDataSource() {
        return DatabaseServers.postgresPool(DatabaseServers.requirePostgresService(), POOL_SIZE);
    }
}
