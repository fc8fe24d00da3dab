package com.webriskops.webhooks.jdbi;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterAll;

/** The target store contract on a real PostgreSQL started from Maven artifacts (always runs, no install needed). */
class EmbeddedPostgresTargetStoreContractTest extends JdbiTargetStoreContractTest {
    private EmbeddedPostgres postgres;

    @Override
    DataSource openDataSource() {
        if (postgres == null) {
            postgres = TestDatabases.startEmbeddedPostgres();
        }
        return TestDatabases.pooledPostgres(postgres.getJdbcUrl("postgres", "postgres"));
    }

    @Override
    void close(DataSource dataSource) {
        ((JdbcConnectionPool) dataSource).dispose();
    }

    @AfterAll
    void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }
}
