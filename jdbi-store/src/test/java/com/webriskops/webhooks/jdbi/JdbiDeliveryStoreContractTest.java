package com.webriskops.webhooks.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import com.webriskops.webhooks.sender.spi.DeliveryStore;
import com.webriskops.webhooks.testing.DeliveryStoreContract;
import com.webriskops.webhooks.testing.TestDeliveries;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The delivery store contract on every {@link TestDatabase}: migrates a unique table prefix once,
 * deletes the rows before each test, and gives a second instance made from a separate {@link Jdbi}
 * on another pool.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class JdbiDeliveryStoreContractTest extends DeliveryStoreContract {
    @Parameter
    TestDatabase database;

    private TestDatabase.Server server;
    private String prefix;
    private JdbiStores stores;
    private JdbiStores second;

    @BeforeParameterizedClassInvocation
    void setUpDatabase() {
        server = database.start();
        prefix = server.migrateNewPrefix();
        stores = JdbiStores.builder(server.dataSource()).tablePrefix(prefix).build();
        second = JdbiStores.builder(Jdbi.create(server.newPool()))
                .tablePrefix(prefix)
                .build();
    }

    @AfterParameterizedClassInvocation
    void tearDownDatabase() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected DeliveryStore emptyStore() {
        server.deleteRows(prefix, "delivery_attempts", "deliveries");
        return stores.deliveryStore();
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
        DeliveryStore store = stores.deliveryStore();
        store.enqueue(target(), export("secret-check"), Instant.parse("2030-01-01T00:00:00Z"));
        try (Connection connection = server.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT * FROM " + prefix + "deliveries")) {
            ResultSetMetaData meta = rows.getMetaData();
            int seen = 0;
            while (rows.next()) {
                for (int column = 1; column <= meta.getColumnCount(); column++) {
                    assertThat(String.valueOf(rows.getObject(column))).doesNotContain(TestDeliveries.SECRET_TEXT);
                }
                seen++;
            }
            assertThat(seen).isEqualTo(1);
        }
    }
}
