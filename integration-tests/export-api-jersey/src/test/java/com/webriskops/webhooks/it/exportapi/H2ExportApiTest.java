package com.webriskops.webhooks.it.exportapi;

import org.h2.jdbcx.JdbcConnectionPool;

/** The ticket-export API on the JDBI store on H2 (always runs). */
class H2ExportApiTest extends ExportApiSuite {
    @Override
    JdbcConnectionPool openDataSource() {
        JdbcConnectionPool pool = JdbcConnectionPool.create("jdbc:h2:mem:exportapi;DB_CLOSE_DELAY=-1", "sa", "");
        pool.setMaxConnections(10);
        return pool;
    }
}
