package com.webriskops.webhooks.it.exportapi;

import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;

/** The ticket-export API on the JDBI store on the MariaDB server named by {@code WEBHOOKS_TEST_MARIADB_URL}. */
class MariaDbServiceExportApiTest extends ExportApiSuite {
    @Override
    DataSource openDataSource() {
        return Databases.mariaDbPool(Databases.requireMariaDbService());
    }

    @Override
    void close(DataSource dataSource) {
        ((JdbcConnectionPool) dataSource).dispose();
    }
}
