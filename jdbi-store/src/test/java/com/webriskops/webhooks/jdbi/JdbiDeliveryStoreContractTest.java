package com.webriskops.webhooks.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import com.webriskops.webhooks.sender.spi.DeliveryStore;
import com.webriskops.webhooks.testing.DeliveryStoreContract;
import com.webriskops.webhooks.testing.TestDeliveries;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The delivery store contract on a database: migrates a unique table prefix once, deletes the rows
 * before each test, and gives a second instance made from a separate {@link Jdbi} on another pool.
 */
abstract class JdbiDeliveryStoreContractTest extends DeliveryStoreContract {
    final String prefix = TestDatabases.uniquePrefix();
    private DataSource dataSource;
    private DataSource secondDataSource;
    private JdbiStores stores;
    private JdbiStores second;

    /** Opens a pooled data source on the database under test (called twice: two app instances). */
    abstract DataSource openDataSource();

    /** Frees what {@link #openDataSource()} and the database setup took. */
    abstract void close(DataSource dataSource);

    @BeforeAll
    void setUpDatabase() {
        dataSource = openDataSource();
        JdbiStores.migrate(dataSource, prefix);
        stores = JdbiStores.builder(dataSource).tablePrefix(prefix).build();
        secondDataSource = openDataSource();
        second = JdbiStores.builder(Jdbi.create(secondDataSource))
                .tablePrefix(prefix)
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
    protected DeliveryStore emptyStore() {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM " + prefix + "delivery_attempts");
            statement.execute("DELETE FROM " + prefix + "deliveries");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
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
        try (Connection connection = dataSource.getConnection();
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
