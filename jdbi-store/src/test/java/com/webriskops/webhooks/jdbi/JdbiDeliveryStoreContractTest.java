package com.webriskops.webhooks.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import com.webriskops.webhooks.sender.spi.DeliveryStore;
import com.webriskops.webhooks.testing.DeliveryStoreContract;
import com.webriskops.webhooks.testing.TestDeliveries;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/**
 * The delivery store contract on every {@link TestDatabase}: migrates a unique table prefix once,
 * deletes the rows before each test, and gives a second instance made from a separate {@link Jdbi}
 * on another pool.
 */
@OnEveryTestDatabase
class JdbiDeliveryStoreContractTest extends DeliveryStoreContract {
    @Parameter
    TestDatabase database;

    private MigratedStores db;

    private JdbiStores second;

    @BeforeParameterizedClassInvocation
    void startDatabase() {
        db = MigratedStores.start(database);
        second = db.secondInstance().build();
    }

    @AfterParameterizedClassInvocation
    void stopDatabase() throws IOException {
        if (db != null) {
            db.close();
        }
    }

    @Override
    protected DeliveryStore emptyStore() {
        db.deleteRows("delivery_attempts", "deliveries");
        return db.stores().deliveryStore();
    }

    @Override
    protected DeliveryStore secondInstance() {
        return second.deliveryStore();
    }

    @Override
    protected int maxAttemptLog() {
        return JdbiDeliveryStore.MAX_ATTEMPT_LOG;
    }

    @Test
    public void noColumnHoldsTheTargetsSecret() throws SQLException {
        DeliveryStore store = db.stores().deliveryStore();
        store.enqueue(target(), export("secret-check"), Instant.parse("2030-01-01T00:00:00Z"));

        assertThat(db.assertNoColumnContains("deliveries", TestDeliveries.SECRET_TEXT))
                .isEqualTo(1);
    }
}
