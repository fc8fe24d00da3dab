package com.webriskops.webhooks.it.e2e;

import com.webriskops.webhooks.jdbi.testing.DatabaseServers;

/**
 * Two servers on the PostgreSQL server named by {@code WEBHOOKS_TEST_POSTGRES_URL}; skipped with a
 * message when it is not set, failed under {@code CI=true} when it is set but unreachable.
 */
class TwoServersOnPostgresServiceTest extends TwoServersSharingOneDatabaseTest {
    @Override
    String databaseUrl() {
        return DatabaseServers.requirePostgresService();
    }
}
