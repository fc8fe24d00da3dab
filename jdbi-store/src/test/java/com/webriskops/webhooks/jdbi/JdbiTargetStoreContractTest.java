package com.webriskops.webhooks.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import com.webriskops.webhooks.sender.spi.TargetStore;
import com.webriskops.webhooks.sender.spi.TargetStore.StoredTarget;
import com.webriskops.webhooks.sender.target.ExportTarget;
import com.webriskops.webhooks.signing.WebhookSecret;
import com.webriskops.webhooks.testing.TargetStoreContract;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The target store contract on every {@link TestDatabase}: migrates a unique table prefix once,
 * deletes the rows before each test.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class JdbiTargetStoreContractTest extends TargetStoreContract {
    @Parameter
    TestDatabase database;

    private TestDatabase.Server server;
    private String prefix;
    private JdbiStores stores;

    @BeforeParameterizedClassInvocation
    void setUpDatabase() {
        server = database.start();
        prefix = server.migrateNewPrefix();
        stores = JdbiStores.builder(server.dataSource()).tablePrefix(prefix).build();
    }

    @AfterParameterizedClassInvocation
    void tearDownDatabase() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected TargetStore emptyStore() {
        server.deleteRows(prefix, "export_targets");
        return stores.targetStore();
    }

    @Test
    public void aCreateAndItsSecondWriteAreOneTransaction() {
        List<Long> seenByOthers = new ArrayList<>();

        StoredTarget stored = stores.targetStore()
                .create(
                        "alice",
                        ExportTarget.builder()
                                .baseUrl("https://hooks.example.com/one-transaction")
                                .build(),
                        NOW,
                        created -> seenByOthers.add(rowsOnAnotherConnection(created.id())));

        // Until the second write returned, no other connection saw the row; afterwards every one does.
        assertThat(seenByOthers).containsExactly(0L);
        assertThat(rowsOnAnotherConnection(stored.id())).isEqualTo(1L);
    }

    private long rowsOnAnotherConnection(long id) {
        try (Connection connection = server.dataSource().getConnection();
                PreparedStatement statement =
                        connection.prepareStatement("SELECT COUNT(*) FROM " + prefix + "export_targets WHERE id = ?")) {
            statement.setLong(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
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

        try (Connection connection = server.dataSource().getConnection();
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
