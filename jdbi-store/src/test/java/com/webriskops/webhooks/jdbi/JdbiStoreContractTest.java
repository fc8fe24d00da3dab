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

/**
 * The replay, duplicate-guard and idempotent-answer contract on every {@link TestDatabase}: migrates a
 * unique table prefix, then runs the suite on stores made from a {@link javax.sql.DataSource}, with a
 * second instance made from a separate {@link Jdbi} on another pool.
 */
@OnEveryTestDatabase
class JdbiStoreContractTest extends StoreContractTest {
    @Parameter
    TestDatabase database;

    private MigratedStores db;

    private JdbiStores second;

    @BeforeParameterizedClassInvocation
    void startDatabase() {
        db = MigratedStores.start(database);
        JdbiStores.migrate(db.server().dataSource(), db.prefix()); // idempotent
        assertThat(db.stores().dialect()).isEqualTo(database.dialect());
        second = db.secondInstance().purgeBatchSize(3).build();
    }

    @AfterParameterizedClassInvocation
    void stopDatabase() throws IOException {
        if (db != null) {
            db.close();
        }
    }

    @Override
    ReplayStore replayStore() {
        return db.stores().replayStore();
    }

    @Override
    IdempotencyStore idempotencyStore() {
        return db.stores().idempotencyStore();
    }

    @Override
    public IdempotentResponseStore responseStore() {
        return db.stores().idempotentResponseStore();
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
