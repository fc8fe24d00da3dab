package com.webriskops.webhooks.jdbi;

import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;

/** The target store contract on the PostgreSQL server named by {@code WEBHOOKS_TEST_POSTGRES_URL}. */
class PostgresServiceTargetStoreContractTest extends JdbiTargetStoreContractTest {
    private String url;

    @Override
    DataSource openDataSource() {
        if (url == null) {
            url = TestDatabases.requireServer(
                    TestDatabases.POSTGRES_ENV,
                    "jdbc:postgresql://127.0.0.1:5432/test?user=postgres",
                    TestDatabases::pooledPostgres);
        }
        return TestDatabases.pooledPostgres(url);
    }

    @Override
    void close(DataSource dataSource) {
        ((JdbcConnectionPool) dataSource).dispose();
    }
}
