package com.webriskops.webhooks.it.exportapi;

import com.webriskops.webhooks.jdbi.testing.DatabaseServers;
import org.h2.jdbcx.JdbcConnectionPool;

/** The ticket-export API on the JDBI store on the MariaDB server named by {@code WEBHOOKS_TEST_MARIADB_URL}. */
class MariaDbServiceExportApiTest extends ExportApiSuite {
    @Override
    JdbcConnectionPool openDataSource() {
        return DatabaseServers.mariaDbPool(DatabaseServers.requireMariaDbService(), POOL_SIZE);
    }
}
