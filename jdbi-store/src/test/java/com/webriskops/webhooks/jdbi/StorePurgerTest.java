package com.webriskops.webhooks.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.webriskops.webhooks.store.Claim;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StorePurgerTest {
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private final JdbcConnectionPool dataSource = TestDatabase.h2();
    private final JdbiStores stores;

    StorePurgerTest() {
        JdbiStores.migrate(dataSource);
        stores = JdbiStores.builder(dataSource).purgeBatchSize(4).build();
    }

    @AfterEach
    void close() {
        dataSource.dispose();
    }

    @Test
    void purgeNowLoopsBatchesUntilEveryExpiredEntryIsGone() {
        for (int i = 0; i < 23; i++) {
            stores.replayStore().recordIfAbsent("n" + i, T0, T0.plusSeconds(10));
            stores.idempotencyStore().claim("k" + i, T0, Duration.ofSeconds(10));
        }
        stores.replayStore().recordIfAbsent("young", T0, T0.plusSeconds(100));
        StorePurger purger = StorePurger.builder()
                .replayStore(stores.replayStore())
                .idempotencyStore(stores.idempotencyStore())
                .batchSize(5)
                .clock(Clock.fixed(T0.plusSeconds(10), ZoneOffset.UTC))
                .build();

        assertThat(purger.purgeNow()).isEqualTo(46);
        assertThat(purger.purgeNow()).isZero();
        assertThat(stores.replayStore().recordIfAbsent("young", T0.plusSeconds(10), T0.plusSeconds(20)))
                .isFalse();
        assertThat(stores.idempotencyStore()
                        .claim("k1", T0.plusSeconds(10), Duration.ofSeconds(1))
                        .state())
                .isEqualTo(Claim.State.CLAIMED);
    }

    @Test
    void startsInTheBackgroundAndStopsOnClose() throws Exception {
        stores.replayStore().recordIfAbsent("old", T0, T0.plusSeconds(1));
        StorePurger purger = StorePurger.builder()
                .replayStore(stores.replayStore())
                .interval(Duration.ofMillis(20))
                .clock(Clock.fixed(T0.plusSeconds(1), ZoneOffset.UTC))
                .build();
        try (purger) {
            purger.start();
            assertThatThrownBy(purger::start).isInstanceOf(IllegalStateException.class);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (stores.replayStore().purgeExpired(T0.plusSeconds(1), 10) != 0 || !gone()) {
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(10);
            }
        }
        assertThatThrownBy(purger::start).isInstanceOf(IllegalStateException.class);
        purger.close();
    }

    private boolean gone() {
        // Re-recording at a time before its expiry succeeds only if the row is gone.
        boolean recorded = stores.replayStore().recordIfAbsent("old", T0, T0.plusSeconds(1));
        if (recorded) {
            stores.replayStore().purgeExpired(T0.plusSeconds(1), 10);
        }
        return recorded;
    }

    @Test
    void builderNeedsAStoreAndSaneSettings() {
        assertThatThrownBy(() -> StorePurger.builder().build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> StorePurger.builder().batchSize(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StorePurger.builder().interval(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
