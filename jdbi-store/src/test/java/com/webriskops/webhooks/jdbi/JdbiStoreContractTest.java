package com.webriskops.webhooks.jdbi;

import com.webriskops.webhooks.idempotency.IdempotentResponseStore;
import com.webriskops.webhooks.store.IdempotencyStore;
import com.webriskops.webhooks.store.ReplayStore;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The contract on a database: migrates a unique table prefix, then runs the suite on stores made
 * from a {@link DataSource}, with a second instance made from a separate {@link Jdbi} on another pool.
 */
abstract class JdbiStoreContractTest extends StoreContractTest {
    final String prefix = TestDatabases.uniquePrefix();
    private DataSource dataSource;
    private DataSource secondDataSource;
    private JdbiStores stores;
    private JdbiStores second;

    /** Opens a pooled data source on the database under test (called twice: two app instances). */
    abstract DataSource openDataSource();

    /** Frees what {@link #openDataSource()} and the database setup took. */
    abstract void close(DataSource dataSource);

    abstract SqlDialect expectedDialect();

    @BeforeAll
    void setUpDatabase() {
        dataSource = openDataSource();
        JdbiStores.migrate(dataSource, prefix);
        JdbiStores.migrate(dataSource, prefix); // idempotent
        stores = JdbiStores.builder(dataSource).tablePrefix(prefix).build();
        org.assertj.core.api.Assertions.assertThat(stores.dialect()).isEqualTo(expectedDialect());
        secondDataSource = openDataSource();
        second = JdbiStores.builder(Jdbi.create(secondDataSource))
                .tablePrefix(prefix)
                .purgeBatchSize(3)
                .build();
    }

    @AfterAll
    void tearDownDatabase() {
        if (dataSource != null) {
            TestDatabases.dropTables(dataSource, prefix);
            close(secondDataSource);
            close(dataSource);
        }
    }

    @Override
    ReplayStore replayStore() {
        return stores.replayStore();
    }

    @Override
    IdempotencyStore idempotencyStore() {
        return stores.idempotencyStore();
    }

    @Override
    public IdempotentResponseStore responseStore() {
        return stores.idempotentResponseStore();
    }

    @Override
    public IdempotentResponseStore secondResponseStore() {
        return second.idempotentResponseStore();
    }

    @Override
    Stores secondInstance() {
        return new Stores(second.replayStore(), second.idempotencyStore());
    }
}
