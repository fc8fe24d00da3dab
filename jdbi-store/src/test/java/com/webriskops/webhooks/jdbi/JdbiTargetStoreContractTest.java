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
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/**
 * The target store contract on every {@link TestDatabase}: migrates a unique table prefix once,
 * deletes the rows before each test.
 */
@OnEveryTestDatabase
class JdbiTargetStoreContractTest extends TargetStoreContract {
    @Parameter
    TestDatabase database;

    private MigratedStores db;

    @BeforeParameterizedClassInvocation
    void startDatabase() {
        db = MigratedStores.start(database);
    }

    @AfterParameterizedClassInvocation
    void stopDatabase() throws IOException {
        if (db != null) {
            db.close();
        }
    }

    @Override
    protected TargetStore emptyStore() {
        db.deleteRows("export_targets");
        return db.stores().targetStore();
    }

    @Test
    public void aCreateAndItsSecondWriteAreOneTransaction() {
        List<Long> seenByOthers = new ArrayList<>();

        StoredTarget stored = db.stores()
                .targetStore()
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
        try (Connection connection = db.server().dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT COUNT(*) FROM " + db.prefix() + "export_targets WHERE id = ?")) {
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
        db.stores()
                .targetStore()
                .create(
                        ExportTarget.builder()
                                .baseUrl("https://hooks.example.com/webriskops")
                                .signingSecrets(WebhookSecret.of("column-scan-secret-value"))
                                .build(),
                        NOW);

        db.assertNoColumnContains("export_targets", "column-scan-secret-value");
    }
}
