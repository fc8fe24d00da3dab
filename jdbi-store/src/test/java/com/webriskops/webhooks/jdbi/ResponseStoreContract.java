package com.webriskops.webhooks.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import com.webriskops.webhooks.idempotency.IdempotentResponseStore;
import com.webriskops.webhooks.idempotency.IdempotentResponseStore.IdempotencyRecord;
import com.webriskops.webhooks.idempotency.IdempotentResponseStore.KeyClaim;
import com.webriskops.webhooks.idempotency.IdempotentResponseStore.StoredResponse;
import jakarta.annotation.Nullable;
import java.nio.charset.StandardCharsets;
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
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link IdempotentResponseStore} must have; {@link StoreContractTest} runs it on
 * the in-memory store and on every database.
 */
interface ResponseStoreContract {
    Instant T0 = Instant.parse("2031-01-01T00:00:00Z");
    Duration LEASE = Duration.ofMinutes(5);
    Duration TTL = Duration.ofHours(24);
    String FP1 = "a".repeat(64);
    String FP2 = "b".repeat(64);

    IdempotentResponseStore responseStore();

    /** The same table through a second, independent instance, or null. */
    @Nullable
    default IdempotentResponseStore secondResponseStore() {
        return null;
    }

    private static String key() {
        return "key-" + UUID.randomUUID();
    }

    private static byte[] allBytes() {
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    @Test
    default void claimsANewKeyOnceAndReportsTheRunningClaimWithItsFingerprint() {
        String key = key();
        KeyClaim first = responseStore().claim("global", key, FP1, T0, LEASE);
        assertThat(first.claimed()).isTrue();
        assertThat(first.record().token()).isNotNull();
        assertThat(first.record().expiresAt()).isEqualTo(T0.plus(LEASE));
        KeyClaim second = responseStore().claim("global", key, FP2, T0.plusSeconds(1), LEASE);
        assertThat(second.claimed()).isFalse();
        assertThat(second.record().completed()).isFalse();
        assertThat(second.record().fingerprint()).isEqualTo(FP1);
    }

    /** Scopes and keys are compared byte for byte: a PAD SPACE collation (MariaDB) made "k " the key "k". */
    @Test
    default void scopesAndKeysThatDifferOnlyByTrailingSpacesStayApart() {
        String key = key();
        assertThat(responseStore().claim("global", key, FP1, T0, LEASE).claimed())
                .isTrue();
        assertThat(responseStore().claim("global", key + " ", FP1, T0, LEASE).claimed())
                .isTrue();
        assertThat(responseStore().claim("global ", key, FP1, T0, LEASE).claimed())
                .isTrue();
        assertThat(responseStore().claim("global", key, FP1, T0, LEASE).claimed())
                .isFalse();
    }

    @Test
    default void storesTheAnswerByteForByteAndReturnsItToTheNextClaim() {
        String key = key();
        KeyClaim claim = responseStore().claim("global", key, FP1, T0, LEASE);
        StoredResponse answer = new StoredResponse(202, "application/json; charset=utf-8", allBytes());
        assertThat(responseStore().complete("global", key, claim.record().token(), answer, T0.plusSeconds(1), TTL))
                .isTrue();
        KeyClaim retry = responseStore().claim("global", key, FP1, T0.plusSeconds(2), LEASE);
        assertThat(retry.claimed()).isFalse();
        assertThat(retry.record().completed()).isTrue();
        assertThat(retry.record().response()).isEqualTo(answer);
        assertThat(retry.record().fingerprint()).isEqualTo(FP1);
        assertThat(retry.record().expiresAt()).isEqualTo(T0.plusSeconds(1).plus(TTL));
        IdempotencyRecord found = responseStore().find("global", key, T0.plusSeconds(3));
        assertThat(found).isNotNull();
        assertThat(found.response()).isEqualTo(answer);
    }

    @Test
    default void storesAnEmptyBodyWithoutContentType() {
        String key = key();
        KeyClaim claim = responseStore().claim("global", key, FP1, T0, LEASE);
        StoredResponse answer = new StoredResponse(204, null, new byte[0]);
        responseStore().complete("global", key, claim.record().token(), answer, T0, TTL);
        assertThat(responseStore().claim("global", key, FP1, T0, LEASE).record().response())
                .isEqualTo(answer);
    }

    @Test
    default void onlyTheClaimsTokenCompletesOrReleases() {
        String key = key();
        KeyClaim claim = responseStore().claim("global", key, FP1, T0, LEASE);
        StoredResponse answer = new StoredResponse(200, "text/plain", "ok".getBytes(StandardCharsets.UTF_8));
        assertThat(responseStore().complete("global", key, UUID.randomUUID().toString(), answer, T0, TTL))
                .isFalse();
        assertThat(responseStore().release("global", key, UUID.randomUUID().toString()))
                .isFalse();
        assertThat(responseStore().release("global", key, claim.record().token()))
                .isTrue();
        KeyClaim again = responseStore().claim("global", key, FP2, T0.plusSeconds(1), LEASE);
        assertThat(again.claimed()).isTrue();
        assertThat(again.record().fingerprint()).isEqualTo(FP2);
        assertThat(responseStore().complete("global", key, claim.record().token(), answer, T0, TTL))
                .isFalse();
    }

    @Test
    default void anExpiredClaimOrAnswerIsTakenOver() {
        String key = key();
        KeyClaim claim = responseStore().claim("global", key, FP1, T0, LEASE);
        KeyClaim takeover = responseStore().claim("global", key, FP2, T0.plus(LEASE), LEASE);
        assertThat(takeover.claimed()).isTrue();
        assertThat(takeover.record().token()).isNotEqualTo(claim.record().token());
        StoredResponse answer = new StoredResponse(201, "application/json", new byte[] {1, 2, 3});
        Instant completedAt = T0.plus(LEASE);
        responseStore().complete("global", key, takeover.record().token(), answer, completedAt, TTL);
        assertThat(responseStore().find("global", key, completedAt.plus(TTL).minusMillis(1)))
                .isNotNull();
        assertThat(responseStore().find("global", key, completedAt.plus(TTL))).isNull();
        KeyClaim afterExpiry = responseStore().claim("global", key, FP1, completedAt.plus(TTL), LEASE);
        assertThat(afterExpiry.claimed()).isTrue();
        assertThat(afterExpiry.record().completed()).isFalse();
        assertThat(afterExpiry.record().response()).isNull();
        assertThat(afterExpiry.record().fingerprint()).isEqualTo(FP1);
    }

    @Test
    default void scopesAreSeparate() {
        String key = key();
        assertThat(responseStore().claim("principal:alice", key, FP1, T0, LEASE).claimed())
                .isTrue();
        assertThat(responseStore().claim("principal:bob", key, FP1, T0, LEASE).claimed())
                .isTrue();
        assertThat(responseStore().find("principal:carol", key, T0)).isNull();
    }

    @Test
    default void concurrentClaimsOfOneKeyHaveOneWinner() throws Exception {
        int threads = 12;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 20; round++) {
                String key = key();
                CyclicBarrier barrier = new CyclicBarrier(threads);
                List<Future<Boolean>> claims = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    IdempotentResponseStore store =
                            i % 2 == 1 && secondResponseStore() != null ? secondResponseStore() : responseStore();
                    claims.add(pool.submit(() -> {
                        barrier.await(30, TimeUnit.SECONDS);
                        return store.claim("global", key, FP1, T0, LEASE).claimed();
                    }));
                }
                int won = 0;
                for (Future<Boolean> claim : claims) {
                    won += claim.get(60, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertThat(won).as("winners in round %d", round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    default void purgeDeletesExpiredRowsInBoundedBatches() {
        Instant base = Instant.parse("2040-01-01T00:00:00Z");
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String key = key();
            keys.add(key);
            responseStore().claim("purge", key, FP1, base, Duration.ofSeconds(1));
        }
        Instant later = base.plusSeconds(2);
        assertThat(responseStore().purgeExpired(later, 2)).isEqualTo(2);
        assertThat(responseStore().purgeExpired(later, 1000)).isGreaterThanOrEqualTo(3);
        for (String key : keys) {
            // Claiming at base, before the rows' expiry, wins only because they were deleted.
            assertThat(responseStore().claim("purge", key, FP1, base, LEASE).claimed())
                    .isTrue();
        }
        assertThat(responseStore().purgeExpired(base, 1000)).isZero();
    }
}
