package com.webriskops.webhooks.jdbi;

import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;

/** The target store contract on the MariaDB server named by {@code WEBHOOKS_TEST_MARIADB_URL}. */
class MariaDbTargetStoreContractTest extends JdbiTargetStoreContractTest {
    private String url;

    @Override
    DataSource openDataSource() {
        if (url == null) {
            url = TestDatabases.requireServer(
                    TestDatabases.MARIADB_ENV,
                    "jdbc:mariadb://127.0.0.1:3306/test?user=root&password=",
                    TestDatabases::pooledMariaDb);
        }
        return TestDatabases.pooledMariaDb(url);
    }

    @Override
    void close(DataSource dataSource) {
        ((JdbcConnectionPool) dataSource).dispose();
    }
}
