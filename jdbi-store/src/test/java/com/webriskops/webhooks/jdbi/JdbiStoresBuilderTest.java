package com.webriskops.webhooks.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.webriskops.webhooks.sender.target.ExportTarget;
import com.webriskops.webhooks.store.Claim;
import com.webriskops.webhooks.testing.DeliveryStoreContract;
import java.time.Duration;
import java.time.Instant;
import org.h2.jdbcx.JdbcConnectionPool;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JdbiStoresBuilderTest {
    private final JdbcConnectionPool dataSource = TestDatabase.h2();

    @AfterEach
    void close() {
        dataSource.dispose();
    }

    @Test
    void createsStoresInOneLineWithTheDefaultPrefixAndDetectsTheDialect() {
        JdbiStores.migrate(dataSource);
        JdbiStores stores = JdbiStores.create(dataSource);
        assertThat(stores.dialect()).isEqualTo(SqlDialect.H2);
        assertThat(stores.tablePrefix()).isEqualTo(JdbiStores.DEFAULT_TABLE_PREFIX);
        assertThat(stores.replayStore()).hasToString("JdbiReplayStore[table=webhook_nonces]");
        assertThat(stores.replayStore().recordIfAbsent("n1", Instant.EPOCH, Instant.EPOCH.plusSeconds(9)))
                .isTrue();
    }

    @Test
    void acceptsAnApplicationJdbiWithOtherTemplateSettingsAndAnExplicitDialect() {
        JdbiStores.migrate(dataSource, "app_");
        Jdbi jdbi = Jdbi.create(dataSource)
                .setTemplateEngine(org.jdbi.v3.core.statement.TemplateEngine.NOP)
                .setSqlParser(new org.jdbi.v3.core.statement.HashPrefixSqlParser());
        JdbiStores stores = JdbiStores.builder(jdbi)
                .tablePrefix("app_")
                .dialect(SqlDialect.H2)
                .build();
        Claim claim = stores.idempotencyStore().claim("k", Instant.EPOCH, Duration.ofSeconds(5));
        assertThat(claim.state()).isEqualTo(Claim.State.CLAIMED);
        // Every store's statements keep their own parser and template engine on this Jdbi.
        assertThat(stores.replayStore().recordIfAbsent("n", Instant.EPOCH, Instant.EPOCH.plusSeconds(5)))
                .isTrue();
        assertThat(stores.idempotentResponseStore()
                        .claim("global", "k", "f".repeat(64), Instant.EPOCH, Duration.ofSeconds(5))
                        .claimed())
                .isTrue();
        ExportTarget target = CountingReceiver.target("http://127.0.0.1:9/hook");
        long targetId =
                stores.targetStore().create(target, Instant.EPOCH).target().id();
        assertThat(stores.targetStore().find(targetId)).isNotNull();
        stores.deliveryStore().enqueue(target, DeliveryStoreContract.export("app-jdbi"), Instant.EPOCH);
        assertThat(stores.deliveryStore().claimDue("owner", Instant.EPOCH, Duration.ofSeconds(5), 10))
                .hasSize(1);
    }

    @Test
    void rejectsBadTablePrefixes() {
        JdbiStores.Builder builder = JdbiStores.builder(dataSource);
        for (String bad : new String[] {"", "1abc", "Abc", "a-b", "a;drop table x", "a".repeat(32)}) {
            assertThatThrownBy(() -> builder.tablePrefix(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("tablePrefix");
            assertThatThrownBy(() -> JdbiStores.migrate(dataSource, bad)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(builder.tablePrefix("a".repeat(31))).isSameAs(builder);
        assertThatThrownBy(() -> builder.purgeBatchSize(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void migrationsShipWithThePlaceholderForApplicationsRunningTheirOwnFlyway() {
        for (SqlDialect dialect : SqlDialect.values()) {
            String path = dialect.migrationLocation().substring("classpath:".length()) + "/V1__webhook_stores.sql";
            assertThat(getClass().getClassLoader().getResource(path)).as(path).isNotNull();
        }
        assertThat(SqlDialect.MARIADB.migrationLocation()).endsWith("/mysql");
    }

    @Test
    void missingTablesSurfaceAsStoreExceptionWithoutSql() {
        JdbiStores stores =
                JdbiStores.builder(dataSource).tablePrefix("absent_").build();
        assertThatThrownBy(() -> stores.replayStore().recordIfAbsent("secret-nonce", Instant.EPOCH, Instant.MAX))
                .isInstanceOf(com.webriskops.webhooks.store.StoreException.class)
                .hasMessageNotContaining("secret-nonce")
                .hasMessageNotContaining("MERGE")
                .hasCauseInstanceOf(org.jdbi.v3.core.JdbiException.class);
    }
}
