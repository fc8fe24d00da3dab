package com.webriskops.webhooks.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.webriskops.webhooks.protocol.ErrorCode;
import com.webriskops.webhooks.sender.AttemptOutcome;
import com.webriskops.webhooks.sender.DeliveryStatus;
import com.webriskops.webhooks.sender.ExportRequest;
import com.webriskops.webhooks.sender.outbox.Delivery;
import com.webriskops.webhooks.sender.spi.DeliveryStore;
import com.webriskops.webhooks.sender.spi.TargetStore;
import com.webriskops.webhooks.sender.target.ExportTarget;
import com.webriskops.webhooks.sender.target.ExportTarget.DeploymentMode;
import com.webriskops.webhooks.sender.target.ExportTarget.PrivateNetworkPolicy;
import jakarta.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The behaviour every {@link com.webriskops.webhooks.sender.spi.DeliveryStore} must have, shared through
 * core's test-jar: the in-memory store runs it in core, the JDBI store on each database. A subclass
 * hands out an empty store before each test ({@link #emptyStore()}), and optionally a second instance
 * on the same data ({@link #secondInstance()}), as another application instance would have.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DeliveryStoreContract {
    /** A whole-second "now", so every store keeps it exactly. */
    protected static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    protected static final Duration LEASE = Duration.ofSeconds(30);

    private DeliveryStore store;

    /** An empty store (a fresh one, or the same one with its data deleted). */
    protected abstract DeliveryStore emptyStore();

    /** A second instance on {@link #emptyStore()}'s data, or null when the store cannot be shared. */
    @Nullable
    protected DeliveryStore secondInstance() {
        return null;
    }

    /** The most attempts the store keeps per delivery. */
    protected abstract int maxAttemptLog();

    @BeforeEach
    void emptyTheStore() {
        store = emptyStore();
    }

    /** A self-hosted target on loopback, with a secret (which no store may keep). */
    protected static ExportTarget target() {
        return ExportTarget.builder()
                .id(123)
                .baseUrl("http://127.0.0.1:9/hook")
                .deploymentMode(DeploymentMode.SELF_HOSTED)
                .privateNetworkPolicy(PrivateNetworkPolicy.ALLOWLIST)
                .privateNetworkAllowlist("127.0.0.1/32")
                .signingSecrets(TestDeliveries.SECRET)
                .build();
    }

    /** The documentation's example ticket export under {@code idempotencyKey}. */
    public static ExportRequest export(String idempotencyKey) {
        return TestDeliveries.exampleExport(idempotencyKey);
    }

    private static String key() {
        return "export-" + UUID.randomUUID();
    }

    private Delivery enqueue(Instant at) {
        return store.enqueue(target(), export(key()), at);
    }

    private static AttemptOutcome outcome(DeliveryStore.ClaimedDelivery claim, DeliveryStatus status, Instant at) {
        Instant finished = at.plusMillis(250);
        switch (status) {
            case EXPORTED:
                return AttemptOutcome.exported(claim.attemptNumber(), "delivered", at, finished)
                        .withAnswer(200, null);
            case RETRY_SCHEDULED:
                return AttemptOutcome.retry(
                                claim.attemptNumber(),
                                ErrorCode.WEBHOOK_DELIVERY_FAILED,
                                "the target answered 503",
                                true,
                                at,
                                finished)
                        .withAnswer(503, "busy")
                        .withRetryAfter(Duration.ofSeconds(7));
            default:
                return AttemptOutcome.blocked(
                                claim.attemptNumber(),
                                ErrorCode.WEBHOOK_DELIVERY_FAILED,
                                "the target answered 503",
                                at,
                                finished)
                        .withAnswer(503, "busy");
        }
    }

    private DeliveryStore.ClaimedDelivery claimOne(String owner, Instant at) {
        List<DeliveryStore.ClaimedDelivery> claims = store.claimDue(owner, at, LEASE, 10);
        assertThat(claims).hasSize(1);
        return claims.get(0);
    }

    @Test
    public void enqueuesAPendingDeliveryDueNowAndKeepsNoSecret() {
        ExportRequest export = export(key());
        Delivery delivery = store.enqueue(target(), export, NOW);

        assertThat(delivery.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(delivery.idempotencyKey()).isEqualTo(export.idempotencyKey());
        assertThat(delivery.targetId()).isEqualTo(123);
        assertThat(delivery.providerKey()).isEqualTo(target().providerKey());
        assertThat(delivery.signingStatus().wireName()).isEqualTo("signed");
        assertThat(delivery.export()).isEqualTo(export);
        assertThat(delivery.attempts()).isZero();
        assertThat(delivery.roundAttempts()).isZero();
        assertThat(delivery.roundStartedAt()).isNull();
        assertThat(delivery.nextAttemptAt()).isEqualTo(NOW);
        assertThat(delivery.leaseOwner()).isNull();
        assertThat(delivery.createdAt()).isEqualTo(NOW);
        assertThat(delivery.attemptLog()).isEmpty();
        assertThat(delivery.toString()).doesNotContain(TestDeliveries.SECRET_TEXT);
        assertThat(store.find(delivery.id())).isEqualTo(delivery);
        assertThat(store.findByIdempotencyKey(export.idempotencyKey())).isEqualTo(delivery);
    }

    @Test
    public void keepsThePayloadVerdictJudgedAtEnqueueAndHandsItToClaims() {
        ExportRequest export = export(key());
        Delivery delivery = store.enqueue(target(), export, NOW);

        assertThat(delivery.payloadVerdict())
                .as("the documentation's example is safe to send")
                .isEqualTo(Delivery.judgePayload(target(), export))
                .startsWith("v1:")
                .doesNotContain(TestDeliveries.SECRET_TEXT);
        assertThat(store.find(delivery.id()).payloadVerdict()).isEqualTo(delivery.payloadVerdict());
        assertThat(claimOne("a", NOW).delivery().payloadVerdict()).isEqualTo(delivery.payloadVerdict());

        ExportTarget carriedSecretTarget = target().toBuilder().id(124).build();
        ExportRequest unsafe = TestDeliveries.exampleExport(key(), "see " + TestDeliveries.SECRET_TEXT);
        assertThat(store.enqueue(carriedSecretTarget, unsafe, NOW).payloadVerdict())
                .as("a payload carrying the target's secret gets no verdict; its attempts scan and block it")
                .isNull();
    }

    @Test
    public void deliveriesBelongToTheirOwnerAndAnotherOwnerSeesNone() {
        String key = key();
        Delivery alice = store.enqueue("alice", target(), export(key), NOW);

        assertThat(alice).isNotNull();
        assertThat(store.ownerOf(alice.id())).isEqualTo("alice");
        assertThat(store.findByIdempotencyKey("alice", key)).isEqualTo(alice);
        assertThat(store.findByIdempotencyKey("bob", key)).isNull();
        assertThat(store.enqueue("bob", target(), export(key), NOW.plusSeconds(1)))
                .isNull();
        assertThat(store.ownerOf(alice.id())).isEqualTo("alice");
        assertThat(store.find(alice.id())).isEqualTo(alice);
        assertThat(store.enqueue("alice", target(), export(key), NOW.plusSeconds(1)))
                .isEqualTo(alice);

        Delivery legacy = store.enqueue(target(), export(key()), NOW);
        assertThat(store.ownerOf(legacy.id())).isEqualTo(TargetStore.DEFAULT_OWNER);
        assertThat(store.ownerOf(987_654)).isNull();
    }

    /**
     * Keys and owners are compared byte for byte: on MariaDB/MySQL a PAD SPACE collation made "k " the
     * key "k" and "alice " the owner alice.
     */
    @Test
    public void keysAndOwnersThatDifferOnlyByTrailingSpacesStayApart() {
        String key = key();
        Delivery plain = store.enqueue("alice", target(), export(key), NOW);
        Delivery padded = store.enqueue("alice", target(), export(key + " "), NOW);

        assertThat(padded).isNotNull();
        assertThat(padded.id()).isNotEqualTo(plain.id());
        assertThat(store.findByIdempotencyKey("alice", key + " ")).isEqualTo(padded);
        assertThat(store.findByIdempotencyKey("alice ", key)).isNull();
        assertThat(store.enqueue("alice ", target(), export(key + "  "), NOW)).isNotNull();
        assertThat(store.findByIdempotencyKey("alice", key + "  ")).isNull();
        assertThat(store.ownerOf(plain.id())).isEqualTo("alice");
    }

    @Test
    public void enqueuingTheSameKeyTwiceReturnsTheSameDeliveryUnchanged() {
        String key = key();
        Delivery first = store.enqueue(target(), export(key), NOW);
        Delivery second = store.enqueue(target().toBuilder().id(999).build(), export(key), NOW.plusSeconds(60));

        assertThat(second).isEqualTo(first);
        assertThat(store.list(null, 100)).hasSize(1);
    }

    @Test
    public void backlogCountsWaitingDeliveriesAndTheOldestDueOne() {
        assertThat(store.backlog(NOW)).isEqualTo(DeliveryStore.Backlog.EMPTY);
        enqueue(NOW.plusSeconds(5));
        enqueue(NOW.plusSeconds(2));
        enqueue(NOW.plusSeconds(60));

        assertThat(store.backlog(NOW)).isEqualTo(new DeliveryStore.Backlog(3, null));
        DeliveryStore.Backlog later = store.backlog(NOW.plusSeconds(10));
        assertThat(later).isEqualTo(new DeliveryStore.Backlog(3, NOW.plusSeconds(2)));
        assertThat(later.oldestDueLag(NOW.plusSeconds(10))).isEqualTo(Duration.ofSeconds(8));

        List<DeliveryStore.ClaimedDelivery> claims = store.claimDue("a", NOW.plusSeconds(10), LEASE, 10);
        assertThat(claims).hasSize(2);
        assertThat(store.backlog(NOW.plusSeconds(10))).isEqualTo(new DeliveryStore.Backlog(3, null));
        DeliveryStore.ClaimedDelivery first = claims.get(0);
        assertThat(store.finish(
                        first,
                        outcome(first, DeliveryStatus.EXPORTED, NOW.plusSeconds(10)),
                        DeliveryStatus.EXPORTED,
                        NOW.plusSeconds(10)))
                .isTrue();

        assertThat(store.backlog(NOW.plusSeconds(10))).isEqualTo(new DeliveryStore.Backlog(2, null));
        Instant leaseEnd = NOW.plusSeconds(10).plus(LEASE);
        assertThat(store.backlog(leaseEnd.plusSeconds(1)).waiting()).isEqualTo(2);
        assertThat(store.backlog(leaseEnd.plusSeconds(100)).oldestDueAt()).isEqualTo(leaseEnd);
    }

    @Test
    public void claimsOnlyDueDeliveriesAndEachOnceWhileTheLeaseHolds() {
        Delivery later = enqueue(NOW.plusSeconds(10));

        assertThat(store.claimDue("a", NOW, LEASE, 10)).isEmpty();
        DeliveryStore.ClaimedDelivery claim = claimOne("a", NOW.plusSeconds(10));

        assertThat(claim.id()).isEqualTo(later.id());
        assertThat(claim.owner()).isEqualTo("a");
        assertThat(claim.leaseExpiresAt()).isEqualTo(NOW.plusSeconds(10).plus(LEASE));
        assertThat(claim.attemptNumber()).isEqualTo(1);
        Delivery claimed = claim.delivery();
        assertThat(claimed.status()).isEqualTo(DeliveryStatus.SENDING);
        assertThat(claimed.roundAttempts()).isEqualTo(1);
        assertThat(claimed.roundStartedAt()).isEqualTo(NOW.plusSeconds(10));
        assertThat(claimed.leaseOwner()).isEqualTo("a");
        assertThat(claimed.fencingToken()).isEqualTo(claim.fencingToken());
        assertThat(store.find(later.id())).isEqualTo(claimed);

        assertThat(store.claimDue("b", NOW.plusSeconds(11), LEASE, 10)).isEmpty();
    }

    @Test
    public void claimsTheOldestDueFirstUpToTheLimit() {
        Delivery second = enqueue(NOW.plusSeconds(2));
        Delivery first = enqueue(NOW.plusSeconds(1));
        Delivery third = enqueue(NOW.plusSeconds(3));
        enqueue(NOW.plusSeconds(100));

        List<DeliveryStore.ClaimedDelivery> claims = store.claimDue("a", NOW.plusSeconds(10), LEASE, 2);
        assertThat(claims)
                .extracting(DeliveryStore.ClaimedDelivery::id)
                .containsExactlyInAnyOrder(first.id(), second.id());
        assertThat(store.claimDue("a", NOW.plusSeconds(10), LEASE, 5))
                .extracting(DeliveryStore.ClaimedDelivery::id)
                .containsExactly(third.id());
        assertThatThrownBy(() -> store.claimDue("a", NOW, LEASE, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    public void anExpiredLeaseIsClaimedAgainWithANewTokenAndTheStaleTokenChangesNothing() {
        Delivery delivery = enqueue(NOW);
        DeliveryStore.ClaimedDelivery stale = claimOne("crashed", NOW);

        assertThat(store.claimDue("b", NOW.plus(LEASE).minusMillis(1), LEASE, 10))
                .isEmpty();
        DeliveryStore.ClaimedDelivery fresh = claimOne("b", NOW.plus(LEASE));
        assertThat(fresh.id()).isEqualTo(delivery.id());
        assertThat(fresh.fencingToken()).isNotEqualTo(stale.fencingToken());
        assertThat(fresh.attemptNumber()).isEqualTo(2);
        assertThat(fresh.delivery().roundAttempts()).isEqualTo(2);
        assertThat(fresh.delivery().roundStartedAt()).isEqualTo(NOW);

        Delivery before = store.find(delivery.id());
        Instant later = NOW.plus(LEASE).plusSeconds(1);
        assertThat(store.reschedule(stale, outcome(stale, DeliveryStatus.RETRY_SCHEDULED, NOW), later, later))
                .isFalse();
        assertThat(store.finish(stale, outcome(stale, DeliveryStatus.EXPORTED, NOW), DeliveryStatus.EXPORTED, later))
                .isFalse();
        assertThat(store.release(stale, later)).isFalse();
        assertThat(store.find(delivery.id())).isEqualTo(before);

        assertThat(store.finish(fresh, outcome(fresh, DeliveryStatus.EXPORTED, later), DeliveryStatus.EXPORTED, later))
                .isTrue();
        assertThat(store.find(delivery.id()).status()).isEqualTo(DeliveryStatus.EXPORTED);
    }

    @Test
    public void aFinishedClaimCannotBeWrittenTwice() {
        enqueue(NOW);
        DeliveryStore.ClaimedDelivery claim = claimOne("a", NOW);
        Instant at = NOW.plusSeconds(1);
        assertThat(store.finish(claim, outcome(claim, DeliveryStatus.BLOCKED, at), DeliveryStatus.BLOCKED, at))
                .isTrue();
        Delivery after = store.find(claim.id());

        assertThat(store.finish(claim, outcome(claim, DeliveryStatus.EXPORTED, at), DeliveryStatus.EXPORTED, at))
                .isFalse();
        assertThat(store.reschedule(claim, outcome(claim, DeliveryStatus.RETRY_SCHEDULED, at), at, at))
                .isFalse();
        assertThat(store.release(claim, at)).isFalse();
        assertThat(store.find(claim.id())).isEqualTo(after);
        assertThat(store.claimDue("b", NOW.plus(Duration.ofDays(365)), LEASE, 10))
                .isEmpty();
    }

    @Test
    public void rescheduleRecordsTheAttemptAndMakesItDueAtTheNextAttempt() {
        Delivery delivery = enqueue(NOW);
        DeliveryStore.ClaimedDelivery claim = claimOne("a", NOW);
        AttemptOutcome attempt = outcome(claim, DeliveryStatus.RETRY_SCHEDULED, NOW);
        Instant next = NOW.plusSeconds(60);

        assertThat(store.reschedule(claim, attempt, next, NOW.plusSeconds(1))).isTrue();

        Delivery after = store.find(delivery.id());
        assertThat(after.status()).isEqualTo(DeliveryStatus.RETRY_SCHEDULED);
        assertThat(after.nextAttemptAt()).isEqualTo(next);
        assertThat(after.leaseOwner()).isNull();
        assertThat(after.leaseExpiresAt()).isNull();
        assertThat(after.attempts()).isEqualTo(1);
        assertThat(after.updatedAt()).isEqualTo(NOW.plusSeconds(1));
        assertThat(after.attemptLog()).containsExactly(attempt);
        assertThat(store.claimDue("a", next.minusMillis(1), LEASE, 10)).isEmpty();

        DeliveryStore.ClaimedDelivery second = claimOne("a", next);
        assertThat(second.attemptNumber()).isEqualTo(2);
        assertThat(second.delivery().roundStartedAt()).isEqualTo(NOW);
        assertThat(second.delivery().attemptLog()).containsExactly(attempt);
    }

    @Test
    public void finishEndsTheDeliveryAndRefusesAStatusThatIsNotTerminal() {
        Delivery delivery = enqueue(NOW);
        DeliveryStore.ClaimedDelivery claim = claimOne("a", NOW);
        AttemptOutcome attempt = outcome(claim, DeliveryStatus.EXPORTED, NOW);

        assertThatThrownBy(() -> store.finish(claim, attempt, DeliveryStatus.RETRY_SCHEDULED, NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.finish(claim, attempt, DeliveryStatus.EXPORTED, NOW.plusSeconds(1)))
                .isTrue();

        Delivery after = store.find(delivery.id());
        assertThat(after.status()).isEqualTo(DeliveryStatus.EXPORTED);
        assertThat(after.nextAttemptAt()).isNull();
        assertThat(after.leaseOwner()).isNull();
        assertThat(after.lastAttempt()).isEqualTo(attempt);
        assertThat(store.list(DeliveryStatus.EXPORTED, 10)).containsExactly(after);
    }

    @Test
    public void releaseGivesTheAttemptBack() {
        Delivery delivery = enqueue(NOW);
        DeliveryStore.ClaimedDelivery claim = claimOne("a", NOW);

        assertThat(store.release(claim, NOW.plusSeconds(5))).isTrue();
        assertThat(store.release(claim, NOW.plusSeconds(5))).isFalse();

        Delivery after = store.find(delivery.id());
        assertThat(after.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(after.attempts()).isZero();
        assertThat(after.roundAttempts()).isZero();
        assertThat(after.roundStartedAt()).isNull();
        assertThat(after.nextAttemptAt()).isEqualTo(NOW.plusSeconds(5));
        assertThat(after.leaseOwner()).isNull();
        assertThat(after.attemptLog()).isEmpty();

        DeliveryStore.ClaimedDelivery again = claimOne("b", NOW.plusSeconds(5));
        assertThat(again.attemptNumber()).isEqualTo(1);
    }

    @Test
    public void releaseRestoresRetryScheduledEvenAfterALeaseExpiredReclaim() {
        enqueue(NOW);
        DeliveryStore.ClaimedDelivery first = claimOne("a", NOW);
        store.reschedule(first, outcome(first, DeliveryStatus.RETRY_SCHEDULED, NOW), NOW.plusSeconds(1), NOW);
        claimOne("crashed", NOW.plusSeconds(1));
        DeliveryStore.ClaimedDelivery reclaimed =
                claimOne("b", NOW.plusSeconds(1).plus(LEASE));

        assertThat(store.release(reclaimed, NOW.plusSeconds(100))).isTrue();

        Delivery after = store.find(first.id());
        assertThat(after.status()).isEqualTo(DeliveryStatus.RETRY_SCHEDULED);
        assertThat(after.attempts()).isEqualTo(2);
        assertThat(after.roundAttempts()).isEqualTo(2);
        assertThat(after.roundStartedAt()).isEqualTo(NOW);
    }

    @Test
    public void retryOnRequestSendsABlockedOrFailedDeliveryAgainInANewRound() {
        Delivery delivery = enqueue(NOW);
        DeliveryStore.ClaimedDelivery claim = claimOne("a", NOW);
        assertThat(store.retryOnRequest(delivery.id(), NOW))
                .as("not while sending")
                .isFalse();
        store.finish(claim, outcome(claim, DeliveryStatus.BLOCKED, NOW), DeliveryStatus.BLOCKED, NOW);

        assertThat(store.retryOnRequest(delivery.id(), NOW.plusSeconds(60))).isTrue();
        assertThat(store.retryOnRequest(delivery.id(), NOW.plusSeconds(60)))
                .as("pending already")
                .isFalse();
        assertThat(store.retryOnRequest(Long.MAX_VALUE, NOW)).isFalse();

        Delivery after = store.find(delivery.id());
        assertThat(after.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(after.roundAttempts()).isZero();
        assertThat(after.roundStartedAt()).isNull();
        assertThat(after.nextAttemptAt()).isEqualTo(NOW.plusSeconds(60));
        assertThat(after.attempts()).isEqualTo(1);
        assertThat(after.attemptLog()).hasSize(1);

        DeliveryStore.ClaimedDelivery again = claimOne("b", NOW.plusSeconds(60));
        assertThat(again.attemptNumber())
                .as("the envelope's attempt keeps growing")
                .isEqualTo(2);
        assertThat(again.delivery().roundAttempts()).isEqualTo(1);
        DeliveryStore.ClaimedDelivery reclaimed = again;
        store.finish(reclaimed, outcome(reclaimed, DeliveryStatus.RETRY_SCHEDULED, NOW), DeliveryStatus.FAILED, NOW);
        assertThat(store.retryOnRequest(delivery.id(), NOW.plusSeconds(61))).isTrue();
    }

    @Test
    public void pagesOneOwnersDeliveriesNewestFirstWithFiltersAndCountsThem() {
        Delivery blocked = store.enqueue("alice", target(), export(key()), NOW);
        List<Long> alices = new ArrayList<>();
        alices.add(blocked.id());
        for (int i = 1; i <= 4; i++) {
            alices.add(store.enqueue("alice", target(), export(key()), NOW.plusSeconds(10 * i))
                    .id());
        }
        Delivery bobs = store.enqueue("bob", target(), export(key()), NOW.plusSeconds(100));
        DeliveryStore.ClaimedDelivery claim = claimOne("a", NOW);
        assertThat(claim.id()).isEqualTo(blocked.id());
        store.finish(claim, outcome(claim, DeliveryStatus.BLOCKED, NOW), DeliveryStatus.BLOCKED, NOW);

        DeliveryStore.Filter alice = DeliveryStore.Filter.of("alice");
        List<Delivery> first = store.page(alice, Long.MAX_VALUE, 3);
        assertThat(first).extracting(Delivery::id).containsExactly(alices.get(4), alices.get(3), alices.get(2));
        assertThat(store.page(alice, first.get(2).id(), 3))
                .extracting(Delivery::id)
                .containsExactly(alices.get(1), alices.get(0));
        assertThat(store.page(
                        new DeliveryStore.Filter("alice", DeliveryStatus.BLOCKED, null, null, null, null),
                        Long.MAX_VALUE,
                        10))
                .extracting(Delivery::id)
                .containsExactly(blocked.id());
        assertThat(store.page(
                        new DeliveryStore.Filter(
                                "alice", null, ErrorCode.WEBHOOK_DELIVERY_FAILED.wireValue(), null, null, null),
                        Long.MAX_VALUE,
                        10))
                .extracting(Delivery::id)
                .containsExactly(blocked.id());
        assertThat(store.page(new DeliveryStore.Filter("alice", null, null, 999L, null, null), Long.MAX_VALUE, 10))
                .isEmpty();
        assertThat(store.page(
                        new DeliveryStore.Filter("alice", null, null, 123L, NOW.plusSeconds(10), NOW.plusSeconds(30)),
                        Long.MAX_VALUE,
                        10))
                .extracting(Delivery::id)
                .containsExactly(alices.get(2), alices.get(1));
        assertThat(store.page(DeliveryStore.Filter.of("bob"), Long.MAX_VALUE, 10))
                .extracting(Delivery::id)
                .containsExactly(bobs.id());
        assertThatThrownBy(() -> store.page(alice, Long.MAX_VALUE, DeliveryStore.MAX_PAGE_LIMIT + 1))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(store.countByStatus("alice"))
                .containsEntry(DeliveryStatus.PENDING, 4L)
                .containsEntry(DeliveryStatus.BLOCKED, 1L)
                .hasSize(2);
        assertThat(store.countByStatus("carol")).isEmpty();
    }

    @Test
    public void retryNowMakesAScheduledRetryDueAndCancelRetryEndsItFailed() {
        Delivery delivery = enqueue(NOW);
        DeliveryStore.ClaimedDelivery claim = claimOne("a", NOW);
        store.reschedule(claim, outcome(claim, DeliveryStatus.RETRY_SCHEDULED, NOW), NOW.plusSeconds(3600), NOW);

        assertThat(store.retryNow(delivery.id(), NOW.plusSeconds(5))).isTrue();
        Delivery due = store.find(delivery.id());
        assertThat(due.status()).isEqualTo(DeliveryStatus.RETRY_SCHEDULED);
        assertThat(due.nextAttemptAt()).isEqualTo(NOW.plusSeconds(5));
        assertThat(due.roundAttempts())
                .as("the retry policy still counts this round")
                .isEqualTo(1);
        assertThat(store.claimDue("b", NOW.plusSeconds(5), LEASE, 10)).hasSize(1);

        Delivery other = enqueue(NOW);
        DeliveryStore.ClaimedDelivery second = claimOne("c", NOW.plusSeconds(6));
        assertThat(second.id()).isEqualTo(other.id());
        store.reschedule(second, outcome(second, DeliveryStatus.RETRY_SCHEDULED, NOW), NOW.plusSeconds(3600), NOW);
        assertThat(store.cancelRetry(other.id(), NOW.plusSeconds(7))).isTrue();
        assertThat(store.cancelRetry(other.id(), NOW.plusSeconds(7)))
                .as("failed already")
                .isFalse();
        Delivery cancelled = store.find(other.id());
        assertThat(cancelled.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(cancelled.nextAttemptAt()).isNull();
        assertThat(store.claimDue("d", NOW.plusSeconds(7200), LEASE, 10))
                .extracting(DeliveryStore.ClaimedDelivery::id)
                .doesNotContain(other.id());

        assertThat(store.retryNow(other.id(), NOW.plusSeconds(8)))
                .as("a failed one is retried on request")
                .isTrue();
        assertThat(store.find(other.id()).status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(store.retryNow(Long.MAX_VALUE, NOW)).isFalse();
        assertThat(store.cancelRetry(Long.MAX_VALUE, NOW)).isFalse();
    }

    @Test
    public void activityCountsEnqueuedDeliveriesAndAttemptsByPeriod() {
        enqueue(NOW);
        enqueue(NOW.plusSeconds(70));
        DeliveryStore.ClaimedDelivery claim = claimOne("a", NOW.plusSeconds(10));
        store.finish(
                claim,
                outcome(claim, DeliveryStatus.EXPORTED, NOW.plusSeconds(75)),
                DeliveryStatus.EXPORTED,
                NOW.plusSeconds(76));
        DeliveryStore.ClaimedDelivery next = claimOne("a", NOW.plusSeconds(130));
        store.reschedule(
                next, outcome(next, DeliveryStatus.RETRY_SCHEDULED, NOW.plusSeconds(130)), NOW.plusSeconds(999), NOW);

        List<DeliveryStore.Activity> minutes = store.activity(TargetStore.DEFAULT_OWNER, NOW, Duration.ofMinutes(1), 3);
        assertThat(minutes)
                .extracting(DeliveryStore.Activity::start)
                .containsExactly(NOW, NOW.plusSeconds(60), NOW.plusSeconds(120));
        assertThat(minutes).extracting(DeliveryStore.Activity::enqueued).containsExactly(1L, 1L, 0L);
        assertThat(minutes).extracting(DeliveryStore.Activity::exported).containsExactly(0L, 1L, 0L);
        assertThat(minutes).extracting(DeliveryStore.Activity::retried).containsExactly(0L, 0L, 1L);
        assertThat(store.activity("nobody", NOW, Duration.ofMinutes(1), 3))
                .allMatch(a -> a.enqueued() == 0 && a.failures() == 0 && a.exported() == 0);
    }

    @Test
    public void keepsABoundedAttemptLogOfTheLatestAttempts() {
        Delivery delivery = enqueue(NOW);
        int attempts = maxAttemptLog() + 5;
        Instant at = NOW;
        for (int i = 0; i < attempts; i++) {
            DeliveryStore.ClaimedDelivery claim = claimOne("a", at);
            store.reschedule(claim, outcome(claim, DeliveryStatus.RETRY_SCHEDULED, at), at, at);
            at = at.plusSeconds(1);
        }

        assertKeepsTheLatestAttempts(delivery, attempts);
    }

    /** Asserts that the stored log of {@code delivery}, attempted {@code attempts} times, holds only the latest. */
    private void assertKeepsTheLatestAttempts(Delivery delivery, int attempts) {
        Delivery after = store.find(delivery.id());
        assertThat(after.attemptLog()).hasSize(maxAttemptLog());
        assertThat(after.attemptLog().get(0).attempt()).isEqualTo(attempts - maxAttemptLog() + 1);
        assertThat(after.lastAttempt().attempt()).isEqualTo(attempts);
    }

    @Test
    public void recordWritesSeveralAttemptsBackAtOnceAndSkipsAClaimNoLongerCurrent() {
        List<Delivery> deliveries = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            deliveries.add(enqueue(NOW.plusMillis(i)));
        }
        List<DeliveryStore.ClaimedDelivery> claims = store.claimDue("a", NOW.plusSeconds(1), LEASE, 10);
        assertThat(claims).hasSize(4);
        Instant at = NOW.plusSeconds(2);
        DeliveryStore.ClaimedDelivery done = claims.get(0);
        assertThat(store.finish(done, outcome(done, DeliveryStatus.EXPORTED, at), DeliveryStatus.EXPORTED, at))
                .isTrue();
        Delivery doneBefore = store.find(done.id());
        Instant next = NOW.plusSeconds(60);
        AttemptOutcome exported = outcome(claims.get(3), DeliveryStatus.EXPORTED, at);
        AttemptOutcome retry = outcome(claims.get(1), DeliveryStatus.RETRY_SCHEDULED, at);
        AttemptOutcome blocked = outcome(claims.get(2), DeliveryStatus.BLOCKED, at);

        List<Boolean> recorded = store.record(List.of(
                DeliveryStore.WriteBack.finish(claims.get(3), exported, DeliveryStatus.EXPORTED, at),
                DeliveryStore.WriteBack.reschedule(claims.get(1), retry, next, at),
                DeliveryStore.WriteBack.finish(
                        done, outcome(done, DeliveryStatus.BLOCKED, at), DeliveryStatus.BLOCKED, at),
                DeliveryStore.WriteBack.finish(claims.get(2), blocked, DeliveryStatus.BLOCKED, at)));

        assertThat(recorded).containsExactly(true, true, false, true);
        assertThat(store.find(done.id())).isEqualTo(doneBefore);
        Delivery first = store.find(claims.get(3).id());
        assertThat(first.status()).isEqualTo(DeliveryStatus.EXPORTED);
        assertThat(first.attemptLog()).containsExactly(exported);
        Delivery rescheduled = store.find(claims.get(1).id());
        assertThat(rescheduled.status()).isEqualTo(DeliveryStatus.RETRY_SCHEDULED);
        assertThat(rescheduled.nextAttemptAt()).isEqualTo(next);
        assertThat(rescheduled.leaseOwner()).isNull();
        assertThat(rescheduled.attemptLog()).containsExactly(retry);
        assertThat(store.find(claims.get(2).id()).attemptLog()).containsExactly(blocked);
        assertThat(store.find(claims.get(2).id()).status()).isEqualTo(DeliveryStatus.BLOCKED);
        assertThat(store.claimDue("b", next.minusMillis(1), LEASE, 10)).isEmpty();
        assertThat(store.claimDue("b", next, LEASE, 10))
                .extracting(DeliveryStore.ClaimedDelivery::id)
                .containsExactly(claims.get(1).id());
        assertThat(store.record(List.of())).isEmpty();
    }

    @Test
    public void aWriteBackPairsARetryWithItsTimeAndAnEndWithATerminalStatus() {
        enqueue(NOW);
        DeliveryStore.ClaimedDelivery claim = claimOne("a", NOW);
        AttemptOutcome attempt = outcome(claim, DeliveryStatus.EXPORTED, NOW);

        assertThatThrownBy(() -> new DeliveryStore.WriteBack(claim, attempt, DeliveryStatus.RETRY_SCHEDULED, null, NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DeliveryStore.WriteBack(claim, attempt, DeliveryStatus.EXPORTED, NOW, NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    public void recordKeepsTheBoundedAttemptLogOfEveryDeliveryInTheGroup() {
        Delivery one = enqueue(NOW);
        Delivery two = enqueue(NOW);
        int attempts = maxAttemptLog() + 5;
        Instant at = NOW;
        for (int i = 0; i < attempts; i++) {
            List<DeliveryStore.ClaimedDelivery> claims = store.claimDue("a", at, LEASE, 10);
            assertThat(claims).hasSize(2);
            List<DeliveryStore.WriteBack> writeBacks = new ArrayList<>();
            for (DeliveryStore.ClaimedDelivery claim : claims) {
                writeBacks.add(DeliveryStore.WriteBack.reschedule(
                        claim, outcome(claim, DeliveryStatus.RETRY_SCHEDULED, at), at, at));
            }
            assertThat(store.record(writeBacks)).containsExactly(true, true);
            at = at.plusSeconds(1);
        }

        assertKeepsTheLatestAttempts(one, attempts);
        assertKeepsTheLatestAttempts(two, attempts);
    }

    @Test
    public void listAndFindAreBounded() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(enqueue(NOW).id());
        }
        DeliveryStore.ClaimedDelivery claim = store.claimDue("a", NOW, LEASE, 1).get(0);
        store.finish(claim, outcome(claim, DeliveryStatus.EXPORTED, NOW), DeliveryStatus.EXPORTED, NOW);

        assertThat(store.list(null, 3)).extracting(Delivery::id).containsExactlyElementsOf(ids.subList(0, 3));
        assertThat(store.list(null, 100)).hasSize(5);
        assertThat(store.list(DeliveryStatus.PENDING, 100)).hasSize(4);
        assertThat(store.list(DeliveryStatus.PENDING, 2)).hasSize(2);
        assertThat(store.list(DeliveryStatus.EXPORTED, 100))
                .extracting(Delivery::id)
                .containsExactly(claim.id());
        assertThat(store.list(DeliveryStatus.FAILED, 100)).isEmpty();
        assertThatThrownBy(() -> store.list(null, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.find(Long.MAX_VALUE)).isNull();
        assertThat(store.findByIdempotencyKey("no-such-key")).isNull();
    }

    @Test
    public void manyThreadsClaimingTogetherClaimEachDeliveryOnce() throws Exception {
        int deliveries = 200;
        for (int i = 0; i < deliveries; i++) {
            enqueue(NOW);
        }
        DeliveryStore second = secondInstance();
        int threads = 8;
        Map<Long, AtomicInteger> claimed = new ConcurrentHashMap<>();
        AtomicInteger total = new AtomicInteger();
        CyclicBarrier barrier = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                DeliveryStore mine = second != null && t % 2 == 1 ? second : store;
                String owner = "worker-" + t;
                futures.add(pool.submit(() -> {
                    barrier.await(30, TimeUnit.SECONDS);
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    while (total.get() < deliveries && System.nanoTime() < deadline) {
                        for (DeliveryStore.ClaimedDelivery claim : mine.claimDue(owner, NOW, LEASE, 3)) {
                            claimed.computeIfAbsent(claim.id(), id -> new AtomicInteger())
                                    .incrementAndGet();
                            total.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(claimed).hasSize(deliveries);
        assertThat(claimed.values()).allSatisfy(count -> assertThat(count).hasValue(1));
        assertThat(store.list(DeliveryStatus.SENDING, 1_000)).hasSize(deliveries);
    }
}
