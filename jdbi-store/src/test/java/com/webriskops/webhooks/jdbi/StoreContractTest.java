package com.webriskops.webhooks.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import com.webriskops.webhooks.store.Claim;
import com.webriskops.webhooks.store.IdempotencyStore;
import com.webriskops.webhooks.store.ReplayStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The behaviour every {@link ReplayStore} and {@link IdempotencyStore} must have, run against the
 * in-memory stores and every database. Subclasses set up one fresh table prefix (or database) per
 * class; tests use their own nonces and keys, and the purge tests their own time range.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoreContractTest implements ResponseStoreContract {
    static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    static final Duration LEASE = Duration.ofMinutes(5);
    static final Duration RETENTION = Duration.ofDays(7);
    static final int THREADS = 16;
    static final int ROUNDS = 500;

    abstract ReplayStore replayStore();

    abstract IdempotencyStore idempotencyStore();

    /** A second, independent instance on the same tables (another app instance), or null if none. */
    StoreContractTest.Stores secondInstance() {
        return null;
    }

    record Stores(ReplayStore replayStore, IdempotencyStore idempotencyStore) {}

    static String unique(String what) {
        return what + "-" + UUID.randomUUID();
    }

    /** Records {@code nonce} as seen {@code second} seconds after {@link #NOW}, for ten minutes. */
    private boolean recordedForTenMinutes(String nonce, long second) {
        Instant now = NOW.plusSeconds(second);
        return replayStore().recordIfAbsent(nonce, now, now.plusSeconds(600));
    }

    @Test
    void recordsANonceOnceAndRefusesItsReplay() {
        String nonce = unique("nonce");
        assertThat(recordedForTenMinutes(nonce, 0)).isTrue();
        assertThat(recordedForTenMinutes(nonce, 1)).isFalse();
        assertThat(recordedForTenMinutes(nonce, 599)).isFalse();
    }

    @Test
    void recordsANonceAgainOnceItsEntryExpired() {
        String nonce = unique("nonce");
        assertThat(recordedForTenMinutes(nonce, 0)).isTrue();
        assertThat(recordedForTenMinutes(nonce, 600)).isTrue();
        assertThat(recordedForTenMinutes(nonce, 601)).isFalse();
    }

    @Test
    void keepsNoncesApart() {
        String nonce = unique("nonce");
        assertThat(recordedForTenMinutes(nonce, 0)).isTrue();
        assertThat(recordedForTenMinutes(nonce + "x", 0)).isTrue();
        assertThat(recordedForTenMinutes(nonce.toUpperCase(java.util.Locale.ROOT), 0))
                .isTrue();
    }

    @Test
    void keepsLongNamespacedKeysApart() {
        String prefix = "s".repeat(64) + ":" + "n".repeat(64) + ":";
        String nonce = prefix + unique("nonce") + "x".repeat(128 - 42);
        assertThat(nonce.length()).isEqualTo(258);
        assertThat(recordedForTenMinutes(nonce, 0)).isTrue();
        assertThat(recordedForTenMinutes(nonce, 0)).isFalse();
        assertThat(recordedForTenMinutes(nonce.substring(0, 257) + "y", 0)).isTrue();

        String key = prefix + unique("key") + "k".repeat(255 - 40);
        assertThat(key.length()).isEqualTo(385);
        assertThat(idempotencyStore().claim(key, NOW, LEASE).state()).isEqualTo(Claim.State.CLAIMED);
        assertThat(idempotencyStore().claim(key, NOW, LEASE).state()).isEqualTo(Claim.State.IN_PROGRESS);
        assertThat(idempotencyStore()
                        .claim(key.substring(0, 384) + "z", NOW, LEASE)
                        .state())
                .isEqualTo(Claim.State.CLAIMED);
    }

    @Test
    void keepsKeysThatDifferOnlyByTrailingSpacesApart() {
        String nonce = unique("nonce");
        assertThat(recordedForTenMinutes(nonce, 0)).isTrue();
        assertThat(recordedForTenMinutes(nonce + " ", 0)).isTrue();
        assertThat(recordedForTenMinutes(nonce + "  ", 0)).isTrue();

        String key = unique("key");
        Claim first = idempotencyStore().claim(key, NOW, LEASE);
        assertThat(idempotencyStore().complete(key, first.token(), NOW, RETENTION))
                .isTrue();
        assertThat(idempotencyStore().claim(key + " ", NOW, LEASE).state()).isEqualTo(Claim.State.CLAIMED);
        assertThat(idempotencyStore().claim(key, NOW, LEASE).state()).isEqualTo(Claim.State.COMPLETED);
    }

    @Test
    void claimsANewKeyAndAnswersInProgressWithTheLeaseEnd() {
        String key = unique("key");
        Claim first = idempotencyStore().claim(key, NOW, LEASE);
        assertThat(first.state()).isEqualTo(Claim.State.CLAIMED);
        assertThat(first.token()).isNotBlank();
        assertThat(first.leaseExpiresAt()).isEqualTo(NOW.plus(LEASE));

        Claim second = idempotencyStore().claim(key, NOW.plusSeconds(10), LEASE);
        assertThat(second.state()).isEqualTo(Claim.State.IN_PROGRESS);
        assertThat(second.token()).isNull();
        assertThat(second.leaseExpiresAt()).isEqualTo(NOW.plus(LEASE));
    }

    @Test
    void completedKeyAnswersCompletedUntilItsRetentionEnds() {
        String key = unique("key");
        Claim claim = idempotencyStore().claim(key, NOW, LEASE);
        assertThat(idempotencyStore().complete(key, claim.token(), NOW.plusSeconds(1), RETENTION))
                .isTrue();

        assertThat(idempotencyStore().claim(key, NOW.plusSeconds(2), LEASE).state())
                .isEqualTo(Claim.State.COMPLETED);
        Instant retentionEnd = NOW.plusSeconds(1).plus(RETENTION);
        assertThat(idempotencyStore()
                        .claim(key, retentionEnd.minusSeconds(1), LEASE)
                        .state())
                .isEqualTo(Claim.State.COMPLETED);
        Claim after = idempotencyStore().claim(key, retentionEnd, LEASE);
        assertThat(after.state()).isEqualTo(Claim.State.CLAIMED);
        assertThat(after.token()).isNotEqualTo(claim.token());
    }

    @Test
    void releasedKeyCanBeClaimedAgainAtOnce() {
        String key = unique("key");
        Claim claim = idempotencyStore().claim(key, NOW, LEASE);
        assertThat(idempotencyStore().release(key, claim.token())).isTrue();
        assertThat(idempotencyStore().release(key, claim.token())).isFalse();

        Claim again = idempotencyStore().claim(key, NOW.plusSeconds(1), LEASE);
        assertThat(again.state()).isEqualTo(Claim.State.CLAIMED);
        assertThat(again.token()).isNotEqualTo(claim.token());
    }

    @Test
    void expiredLeaseIsClaimedAgainAndTheStaleTokenCanNeitherCompleteNorRelease() {
        String key = unique("key");
        Claim stale = idempotencyStore().claim(key, NOW, LEASE);
        assertThat(idempotencyStore()
                        .claim(key, NOW.plus(LEASE).minusSeconds(1), LEASE)
                        .state())
                .isEqualTo(Claim.State.IN_PROGRESS);

        Claim fresh = idempotencyStore().claim(key, NOW.plus(LEASE), LEASE);
        assertThat(fresh.state()).isEqualTo(Claim.State.CLAIMED);
        assertThat(fresh.leaseExpiresAt()).isEqualTo(NOW.plus(LEASE).plus(LEASE));

        assertThat(idempotencyStore().complete(key, stale.token(), NOW.plus(LEASE), RETENTION))
                .isFalse();
        assertThat(idempotencyStore().release(key, stale.token())).isFalse();
        assertThat(idempotencyStore()
                        .claim(key, NOW.plus(LEASE).plusSeconds(1), LEASE)
                        .state())
                .isEqualTo(Claim.State.IN_PROGRESS);

        assertThat(idempotencyStore()
                        .complete(key, fresh.token(), NOW.plus(LEASE).plusSeconds(2), RETENTION))
                .isTrue();
        assertThat(idempotencyStore()
                        .claim(key, NOW.plus(LEASE).plusSeconds(3), LEASE)
                        .state())
                .isEqualTo(Claim.State.COMPLETED);
    }

    @Test
    void wrongTokenCannotCompleteOrReleaseAndUnknownKeysChangeNothing() {
        String key = unique("key");
        Claim claim = idempotencyStore().claim(key, NOW, LEASE);
        String wrong = UUID.randomUUID().toString();
        assertThat(idempotencyStore().complete(key, wrong, NOW, RETENTION)).isFalse();
        assertThat(idempotencyStore().release(key, wrong)).isFalse();
        assertThat(idempotencyStore().complete(unique("other"), claim.token(), NOW, RETENTION))
                .isFalse();
        assertThat(idempotencyStore().release(unique("other"), claim.token())).isFalse();
        assertThat(idempotencyStore().claim(key, NOW.plusSeconds(1), LEASE).state())
                .isEqualTo(Claim.State.IN_PROGRESS);
    }

    @Test
    void completedKeyCannotBeReleasedOrCompletedAgain() {
        String key = unique("key");
        Claim claim = idempotencyStore().claim(key, NOW, LEASE);
        assertThat(idempotencyStore().complete(key, claim.token(), NOW, RETENTION))
                .isTrue();
        assertThat(idempotencyStore().release(key, claim.token())).isFalse();
        assertThat(idempotencyStore().complete(key, claim.token(), NOW, RETENTION))
                .isFalse();
        assertThat(idempotencyStore().claim(key, NOW.plusSeconds(1), LEASE).state())
                .isEqualTo(Claim.State.COMPLETED);
    }

    @Test
    void purgesExpiredNoncesInBatchesAndKeepsTheOthers() {
        // A time range of its own, long before NOW, so other tests' rows are never expired here.
        Instant base = Instant.parse("2001-01-01T00:00:00Z");
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            assertThat(replayStore().recordIfAbsent(unique("old"), base, base.plusSeconds(10)))
                    .isTrue();
        }
        for (int i = 0; i < 5; i++) {
            String nonce = unique("young");
            kept.add(nonce);
            assertThat(replayStore().recordIfAbsent(nonce, base, base.plusSeconds(1000)))
                    .isTrue();
        }
        Instant purgeAt = base.plusSeconds(10);
        assertThat(replayStore().purgeExpired(purgeAt, 10)).isEqualTo(10);
        assertThat(replayStore().purgeExpired(purgeAt, 10)).isEqualTo(10);
        assertThat(replayStore().purgeExpired(purgeAt, 10)).isEqualTo(5);
        assertThat(replayStore().purgeExpired(purgeAt, 10)).isZero();
        for (String nonce : kept) {
            assertThat(replayStore().recordIfAbsent(nonce, purgeAt, purgeAt.plusSeconds(10)))
                    .isFalse();
        }
    }

    @Test
    void purgesExpiredKeysInBatchesAndKeepsTheOthers() {
        Instant base = Instant.parse("2002-01-01T00:00:00Z");
        for (int i = 0; i < 12; i++) {
            idempotencyStore().claim(unique("lapsed"), base, Duration.ofSeconds(10));
        }
        for (int i = 0; i < 8; i++) {
            String key = unique("done");
            Claim claim = idempotencyStore().claim(key, base, Duration.ofSeconds(10));
            idempotencyStore().complete(key, claim.token(), base, Duration.ofSeconds(5));
        }
        String held = unique("held");
        idempotencyStore().claim(held, base, Duration.ofSeconds(1000));
        String completed = unique("kept");
        Claim claim = idempotencyStore().claim(completed, base, Duration.ofSeconds(10));
        idempotencyStore().complete(completed, claim.token(), base, Duration.ofSeconds(1000));

        Instant purgeAt = base.plusSeconds(10);
        assertThat(idempotencyStore().purgeExpired(purgeAt, 7)).isEqualTo(7);
        assertThat(idempotencyStore().purgeExpired(purgeAt, 7)).isEqualTo(7);
        assertThat(idempotencyStore().purgeExpired(purgeAt, 7)).isEqualTo(6);
        assertThat(idempotencyStore().purgeExpired(purgeAt, 7)).isZero();
        assertThat(idempotencyStore().claim(held, purgeAt, LEASE).state()).isEqualTo(Claim.State.IN_PROGRESS);
        assertThat(idempotencyStore().claim(completed, purgeAt, LEASE).state()).isEqualTo(Claim.State.COMPLETED);
    }

    @Test
    void exactlyOneOfSixteenThreadsWinsEachNonceAndEachKey() throws Exception {
        Stores stores = new Stores(replayStore(), idempotencyStore());
        race(stores, stores);
    }

    @Test
    void exactlyOneOfTwoAppInstancesWinsEachNonceAndEachKey() throws Exception {
        Stores second = secondInstance();
        Assumptions.assumeTrue(second != null, "the in-memory stores cannot be shared by two instances");
        race(new Stores(replayStore(), idempotencyStore()), second);
    }

    /** Sixteen threads, half on each of {@code a} and {@code b}, race for a fresh nonce and key per round. */
    private static void race(Stores a, Stores b) throws Exception {
        String run = UUID.randomUUID().toString();
        AtomicIntegerArray nonceWins = new AtomicIntegerArray(ROUNDS);
        AtomicIntegerArray keyWins = new AtomicIntegerArray(ROUNDS);
        CyclicBarrier barrier = new CyclicBarrier(THREADS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Stores stores = t % 2 == 0 ? a : b;
                futures.add(pool.submit(() -> {
                    for (int round = 0; round < ROUNDS; round++) {
                        barrier.await(30, TimeUnit.SECONDS);
                        if (stores.replayStore()
                                .recordIfAbsent("race-" + run + "-" + round, NOW, NOW.plusSeconds(600))) {
                            nonceWins.incrementAndGet(round);
                        }
                        Claim claim = stores.idempotencyStore().claim("race-" + run + "-" + round, NOW, LEASE);
                        if (claim.state() == Claim.State.CLAIMED) {
                            keyWins.incrementAndGet(round);
                        } else {
                            assertThat(claim.state()).isEqualTo(Claim.State.IN_PROGRESS);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(90, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        for (int round = 0; round < ROUNDS; round++) {
            assertThat(nonceWins.get(round))
                    .as("nonce winners in round %d", round)
                    .isEqualTo(1);
            assertThat(keyWins.get(round)).as("key winners in round %d", round).isEqualTo(1);
        }
    }
}
