package com.webriskops.webhooks.jdbi;

import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;

/** The target store contract on H2 (always runs). Both instances share one named in-memory database. */
class H2TargetStoreContractTest extends JdbiTargetStoreContractTest {
    private final String url = "jdbc:h2:mem:" + prefix + ";DB_CLOSE_DELAY=-1";

    @Override
    DataSource openDataSource() {
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
        pool.setMaxConnections(TestDatabases.POOL_SIZE);
        return pool;
    }

    @Override
    void close(DataSource dataSource) {
        ((JdbcConnectionPool) dataSource).dispose();
    }
}
