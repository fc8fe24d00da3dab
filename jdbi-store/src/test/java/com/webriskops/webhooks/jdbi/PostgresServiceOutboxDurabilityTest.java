package com.webriskops.webhooks.jdbi;

/** The outbox durability tests on the PostgreSQL server named by {@code WEBHOOKS_TEST_POSTGRES_URL}. */
class PostgresServiceOutboxDurabilityTest extends OutboxDurabilityTest {
    private String url;

    @Override
    String jdbcUrl() {
        if (url == null) {
            url = TestDatabases.requireServer(
                    TestDatabases.POSTGRES_ENV,
                    "jdbc:postgresql://127.0.0.1:5432/test?user=postgres",
                    TestDatabases::pooledPostgres);
        }
        return url;
    }
}
