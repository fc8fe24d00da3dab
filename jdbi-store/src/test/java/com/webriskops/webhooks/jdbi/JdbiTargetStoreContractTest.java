package com.webriskops.webhooks.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import com.webriskops.webhooks.sender.spi.TargetStore;
import com.webriskops.webhooks.sender.target.ExportTarget;
import com.webriskops.webhooks.signing.WebhookSecret;
import com.webriskops.webhooks.testing.TargetStoreContract;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The target store contract on a database: migrates a unique table prefix once, deletes the rows before each test. */
abstract class JdbiTargetStoreContractTest extends TargetStoreContract {
    final String prefix = TestDatabases.uniquePrefix();
    private DataSource dataSource;
    private JdbiStores stores;

    /** Opens a pooled data source on the database under test. */
    abstract DataSource openDataSource();

    /** Frees what {@link #openDataSource()} and the database setup took. */
    abstract void close(DataSource dataSource);

    @BeforeAll
    void setUpDatabase() {
        dataSource = openDataSource();
        JdbiStores.migrate(dataSource, prefix);
        stores = JdbiStores.builder(dataSource).tablePrefix(prefix).build();
    }

    @AfterAll
    void tearDownDatabase() {
        if (dataSource != null) {
            TestDatabases.dropTables(dataSource, prefix);
            close(dataSource);
        }
    }

    @Override
    protected TargetStore emptyStore() {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM " + prefix + "export_targets");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return stores.targetStore();
    }

    @Test
    public void noColumnHoldsTheSecret() throws SQLException {
        stores.targetStore()
                .create(
                        ExportTarget.builder()
                                .baseUrl("https://hooks.example.com/webriskops")
                                .signingSecrets(WebhookSecret.of("column-scan-secret-value"))
                                .build(),
                        NOW);

        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT * FROM " + prefix + "export_targets")) {
            ResultSetMetaData meta = rows.getMetaData();
            while (rows.next()) {
                for (int column = 1; column <= meta.getColumnCount(); column++) {
                    assertThat(String.valueOf(rows.getObject(column))).doesNotContain("column-scan-secret-value");
                }
            }
        }
    }
}
