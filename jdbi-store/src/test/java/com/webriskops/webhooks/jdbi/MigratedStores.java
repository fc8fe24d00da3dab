package com.webriskops.webhooks.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import org.jdbi.v3.core.Jdbi;

/**
 * A started {@link TestDatabase} with one new table prefix migrated on it and {@link JdbiStores} on that
 * prefix: the fixture of the store contracts. {@link #close()} drops the tables and stops the database.
 */
final class MigratedStores implements AutoCloseable {
    private final TestDatabase.Server server;
    private final String prefix;
    private final JdbiStores stores;

    private MigratedStores(TestDatabase.Server server) {
        this.server = server;
        this.prefix = server.migrateNewPrefix();
        this.stores =
                JdbiStores.builder(server.dataSource()).tablePrefix(prefix).build();
    }

    /**
     * Starts {@code database} and migrates a new prefix on it.
     *
     * @throws org.opentest4j.TestAbortedException as {@link TestDatabase#start()} does
     */
    static MigratedStores start(TestDatabase database) {
        TestDatabase.Server server = database.start();
        try {
            return new MigratedStores(server);
        } catch (RuntimeException e) {
            try {
                server.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    TestDatabase.Server server() {
        return server;
    }

    String prefix() {
        return prefix;
    }

    /** The stores on the migrated prefix, made from the server's first pool. */
    JdbiStores stores() {
        return stores;
    }

    /** A builder for stores on the same tables from a separate {@link Jdbi} on a new pool, as another instance has. */
    JdbiStores.Builder secondInstance() {
        return JdbiStores.builder(Jdbi.create(server.newPool())).tablePrefix(prefix);
    }

    /** Deletes every row of {@code tables} (names without the prefix), in the order given. */
    void deleteRows(String... tables) {
        server.deleteRows(prefix, tables);
    }

    /**
     * Asserts that no column of any row of {@code table} (a name without the prefix) contains {@code text}, and
     * returns the number of rows read.
     */
    int assertNoColumnContains(String table, String text) throws SQLException {
        try (Connection connection = server.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT * FROM " + prefix + table)) {
            ResultSetMetaData meta = rows.getMetaData();
            int seen = 0;
            while (rows.next()) {
                for (int column = 1; column <= meta.getColumnCount(); column++) {
                    assertThat(String.valueOf(rows.getObject(column))).doesNotContain(text);
                }
                seen++;
            }
            return seen;
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
