package com.webriskops.webhooks.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import com.webriskops.webhooks.idempotency.IdempotentResponseStore;
import com.webriskops.webhooks.store.IdempotencyStore;
import com.webriskops.webhooks.store.ReplayStore;
import java.io.IOException;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The replay, duplicate-guard and idempotent-answer contract on every {@link TestDatabase}: migrates a
 * unique table prefix, then runs the suite on stores made from a {@link javax.sql.DataSource}, with a
 * second instance made from a separate {@link Jdbi} on another pool.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class JdbiStoreContractTest extends StoreContractTest {
    @Parameter
    TestDatabase database;

    private TestDatabase.Server server;
    private JdbiStores stores;
    private JdbiStores second;

    @BeforeParameterizedClassInvocation
    void setUpDatabase() {
        server = database.start();
        String prefix = server.migrateNewPrefix();
        JdbiStores.migrate(server.dataSource(), prefix); // idempotent
        stores = JdbiStores.builder(server.dataSource()).tablePrefix(prefix).build();
        assertThat(stores.dialect()).isEqualTo(database.dialect());
        second = JdbiStores.builder(Jdbi.create(server.newPool()))
                .tablePrefix(prefix)
                .purgeBatchSize(3)
                .build();
    }

    @AfterParameterizedClassInvocation
    void tearDownDatabase() throws IOException {
        if (server != null) {
            server.close();
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
