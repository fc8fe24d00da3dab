package com.webriskops.webhooks.it.exportapi;

import com.webriskops.webhooks.jdbi.testing.DatabaseServers;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;

/** The ticket-export API on the JDBI store on the MariaDB server named by {@code WEBHOOKS_TEST_MARIADB_URL}. */
class MariaDbServiceExportApiTest extends ExportApiSuite {
    @Override
    DataSource openDataSource() {
        return DatabaseServers.mariaDbPool(DatabaseServers.requireMariaDbService(), POOL_SIZE);
    }

    @Override
    void close(DataSource dataSource) {
        ((JdbcConnectionPool) dataSource).dispose();
    }
}
