package com.webriskops.webhooks.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InMemoryStoresTest {
    private static final Instant T0 = Instant.ofEpochSecond(1_766_203_200L);
    private static final Duration LEASE = Duration.ofMinutes(5);

    private final ExecutorService pool = Executors.newFixedThreadPool(16);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void defaultIdempotencyStoreHoldsSevenDaysOfCompletedKeysAtOneDeliveryPerSecond() {
        InMemoryIdempotencyStore store = new InMemoryIdempotencyStore();
        Duration retention = Duration.ofDays(7);
        long seconds = retention.toSeconds();

        for (long i = 0; i < seconds; i++) {
            Instant now = T0.plusSeconds(i);
            Claim claim = store.claim("key-" + i, now, LEASE);
            assertThat(claim.state()).isEqualTo(Claim.State.CLAIMED);
            assertThat(store.complete("key-" + i, claim.token(), now, retention))
                    .isTrue();
        }

        assertThat(store.claim("key-0", T0.plusSeconds(seconds - 1), LEASE).state())
                .isEqualTo(Claim.State.COMPLETED);
        assertThat(store.claim("key-next", T0.plusSeconds(seconds - 1), LEASE).state())
                .isEqualTo(Claim.State.CLAIMED);
    }

    @Test
    void defaultReplayStoreHoldsTenMinutesOfNoncesAtOneHundredDeliveriesPerSecond() {
        InMemoryReplayStore store = new InMemoryReplayStore();

        for (int i = 0; i < 600 * 100; i++) {
            Instant now = T0.plusMillis(i * 10L);
            assertThat(store.recordIfAbsent("nonce-" + i, now, now.plusSeconds(600)))
                    .isTrue();
        }
    }

    @Test
    void nonceIsFreshOnceUntilItExpires() {
        InMemoryReplayStore store = new InMemoryReplayStore();

        assertThat(store.recordIfAbsent("n1", T0, T0.plusSeconds(600))).isTrue();
        assertThat(store.recordIfAbsent("n1", T0.plusSeconds(599), T0.plusSeconds(1200)))
                .isFalse();
        assertThat(store.recordIfAbsent("n1", T0.plusSeconds(600), T0.plusSeconds(1200)))
                .isTrue();
    }

    @Test
    void fullReplayStoreDropsExpiredEntriesThenRefuses() {
        InMemoryReplayStore store = new InMemoryReplayStore(2);
        store.recordIfAbsent("a", T0, T0.plusSeconds(10));
        store.recordIfAbsent("b", T0, T0.plusSeconds(100));

        assertThat(store.recordIfAbsent("c", T0.plusSeconds(10), T0.plusSeconds(110)))
                .isTrue();
        assertThatThrownBy(() -> store.recordIfAbsent("d", T0.plusSeconds(11), T0.plusSeconds(111)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("full");
        assertThat(store.recordIfAbsent("b", T0.plusSeconds(11), T0.plusSeconds(111)))
                .isFalse();
    }

    @Test
    void purgeIsBoundedByItsLimit() {
        InMemoryReplayStore store = new InMemoryReplayStore();
        for (int i = 0; i < 10; i++) {
            store.recordIfAbsent("n" + i, T0, T0.plusSeconds(1));
        }

        assertThat(store.purgeExpired(T0.plusSeconds(1), 4)).isEqualTo(4);
        assertThat(store.size()).isEqualTo(6);
        assertThat(store.purgeExpired(T0.plusSeconds(1), 100)).isEqualTo(6);
    }

    @Test
    void claimCompleteAndDuplicate() {
        InMemoryIdempotencyStore store = new InMemoryIdempotencyStore();

        Claim first = store.claim("k", T0, LEASE);
        Claim second = store.claim("k", T0.plusSeconds(1), LEASE);
        boolean completed = store.complete("k", first.token(), T0.plusSeconds(2), Duration.ofDays(1));
        Claim third = store.claim("k", T0.plusSeconds(3), LEASE);

        assertThat(first.state()).isEqualTo(Claim.State.CLAIMED);
        assertThat(first.leaseExpiresAt()).isEqualTo(T0.plus(LEASE));
        assertThat(second.state()).isEqualTo(Claim.State.IN_PROGRESS);
        assertThat(second.leaseExpiresAt()).isEqualTo(T0.plus(LEASE));
        assertThat(completed).isTrue();
        assertThat(third.state()).isEqualTo(Claim.State.COMPLETED);
        assertThat(store.claim("k", T0.plusSeconds(2).plus(Duration.ofDays(1)), LEASE)
                        .state())
                .isEqualTo(Claim.State.CLAIMED);
    }

    @Test
    void releasedOrExpiredClaimsCanBeClaimedAgainAndStaleTokensDoNothing() {
        InMemoryIdempotencyStore store = new InMemoryIdempotencyStore();
        Claim first = store.claim("k", T0, LEASE);

        assertThat(store.release("k", first.token())).isTrue();
        Claim second = store.claim("k", T0.plusSeconds(1), LEASE);
        assertThat(second.state()).isEqualTo(Claim.State.CLAIMED);
        Claim afterLease = store.claim("k", T0.plusSeconds(1).plus(LEASE), LEASE);
        assertThat(afterLease.state()).isEqualTo(Claim.State.CLAIMED);

        assertThat(store.complete("k", second.token(), T0.plus(LEASE).plusSeconds(2), Duration.ofDays(1)))
                .isFalse();
        assertThat(store.release("k", second.token())).isFalse();
        assertThat(store.claim("k", T0.plus(LEASE).plusSeconds(3), LEASE).state())
                .isEqualTo(Claim.State.IN_PROGRESS);
        assertThat(store.complete("k", afterLease.token(), T0.plus(LEASE).plusSeconds(4), Duration.ofDays(1)))
                .isTrue();
    }

    @Test
    void claimToStringHidesTheToken() {
        Claim claim = new InMemoryIdempotencyStore().claim("k", T0, LEASE);

        assertThat(claim.toString()).doesNotContain(claim.token());
    }

    @Test
    void racingTheSameNonceHasExactlyOneWinnerEveryRound() throws Exception {
        InMemoryReplayStore store = new InMemoryReplayStore();
        for (int round = 0; round < 200; round++) {
            String nonce = "race-" + round;
            List<Boolean> results = race(16, () -> store.recordIfAbsent(nonce, T0, T0.plusSeconds(600)));
            assertThat(results).as("round %d", round).containsOnlyOnce(true);
        }
    }

    @Test
    void racingTheSameKeyHasExactlyOneClaimEveryRound() throws Exception {
        InMemoryIdempotencyStore store = new InMemoryIdempotencyStore();
        for (int round = 0; round < 200; round++) {
            String key = "race-" + round;
            List<Claim.State> results =
                    race(16, () -> store.claim(key, T0, LEASE).state());
            assertThat(results).as("round %d", round).containsOnlyOnce(Claim.State.CLAIMED);
        }
    }

    private <T> List<T> race(int threads, Callable<T> call) throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(threads);
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            futures.add(pool.submit(() -> {
                barrier.await(10, TimeUnit.SECONDS);
                return call.call();
            }));
        }
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get(10, TimeUnit.SECONDS));
        }
        return results;
    }
}
