package com.webriskops.webhooks.it.exportapi;

import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;

/** The ticket-export API on the JDBI store on the PostgreSQL server named by {@code WEBHOOKS_TEST_POSTGRES_URL}. */
class PostgresServiceExportApiTest extends ExportApiSuite {
    @Override
    DataSource openDataSource() {
        return Databases.pool(Databases.requirePostgresService());
    }

    @Override
    void close(DataSource dataSource) {
        ((JdbcConnectionPool) dataSource).dispose();
    }
}
