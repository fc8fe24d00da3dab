package com.webriskops.webhooks.sender.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.protocol.ErrorCode;
import com.webriskops.webhooks.protocol.WebhookHeaders;
import com.webriskops.webhooks.sender.AttemptOutcome;
import com.webriskops.webhooks.sender.DeliveryStatus;
import com.webriskops.webhooks.sender.LoopbackServer;
import com.webriskops.webhooks.sender.SenderFixtures;
import com.webriskops.webhooks.sender.WebhookSender;
import com.webriskops.webhooks.sender.internal.InMemoryDeliveryStore;
import com.webriskops.webhooks.sender.spi.DeliveryStore;
import com.webriskops.webhooks.sender.spi.DeliveryStore.ClaimedDelivery;
import com.webriskops.webhooks.sender.target.ExportTarget;
import com.webriskops.webhooks.testing.ForwardingDeliveryStore;
import com.webriskops.webhooks.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DispatcherTest {
    private LoopbackServer server;
    private InMemoryDeliveryStore store;

    @BeforeEach
    void setUp() throws Exception {
        server = LoopbackServer.http();
        store = new InMemoryDeliveryStore();
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private Dispatcher.Builder dispatcher(WebhookSender sender, ExportTarget target) {
        return Dispatcher.builder()
                .store(store)
                .sender(sender)
                .targets(id -> id == target.id() ? target : null)
                .pollInterval(Duration.ofMillis(20));
    }

    @Test
    void backsOffExponentiallyWhileTheStoreKeepsFailing() {
        ExportTarget target = ExportTarget.builder()
                .id(1)
                .baseUrl("https://hooks.example.com/")
                .signingEnabled(false)
                .build();
        Dispatcher fast = dispatcher(WebhookSender.builder().build(), target).build();
        Dispatcher slow = dispatcher(WebhookSender.builder().build(), target)
                .pollInterval(Duration.ofSeconds(2))
                .build();

        assertThat(fast.storeBackoff(1)).isEqualTo(Duration.ofMillis(20));
        assertThat(fast.storeBackoff(2)).isEqualTo(Duration.ofMillis(40));
        assertThat(fast.storeBackoff(6)).isEqualTo(Duration.ofMillis(640));
        assertThat(fast.storeBackoff(50)).isEqualTo(Duration.ofMillis(640));
        assertThat(slow.storeBackoff(3)).isEqualTo(Duration.ofSeconds(8));
        assertThat(slow.storeBackoff(50)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void severalDispatchersOnOneStoreDeliverEachExactlyOnce() throws Exception {
        Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
        server.handler(request -> {
            seen.computeIfAbsent(request.header(WebhookHeaders.IDEMPOTENCY_KEY), k -> new AtomicInteger())
                    .incrementAndGet();
            return LoopbackServer.Answer.of(200);
        });
        ExportTarget target = SenderFixtures.loopbackTarget(server.url("/hook"));
        WebhookSender sender = SenderFixtures.patientSender();
        int n = 40;
        for (int i = 0; i < n; i++) {
            store.enqueue(target, SenderFixtures.export(), Clock.systemUTC().instant());
        }
        List<Dispatcher> dispatchers = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                Dispatcher d =
                        dispatcher(sender, target).workers(2).owner("d" + i).build();
                dispatchers.add(d);
                d.start();
            }
            awaitCondition(() -> store.list(DeliveryStatus.EXPORTED, 1_000).size() >= n);
        } finally {
            dispatchers.forEach(Dispatcher::close);
        }

        assertThat(store.list(DeliveryStatus.EXPORTED, 1_000)).hasSize(n);
        assertThat(seen).hasSize(n);
        assertThat(seen.values()).allSatisfy(count -> assertThat(count).hasValue(1));
    }

    @Test
    void aDispatcherWhoseLeaseExpiredMidAttemptDoesNotRecordItsResult() throws Exception {
        MutableClock clock = SenderFixtures.clock();
        ExportTarget target = SenderFixtures.loopbackTarget(server.url("/hook"));
        WebhookSender sender = SenderFixtures.sender(clock).build();
        Dispatcher slow = dispatcher(sender, target)
                .clock(clock)
                .lease(Duration.ofSeconds(10))
                .owner("slow")
                .build();
        Dispatcher other = dispatcher(sender, target)
                .clock(clock)
                .lease(Duration.ofSeconds(10))
                .owner("other")
                .build();
        AtomicInteger requests = new AtomicInteger();
        AtomicReference<Integer> otherAttempted = new AtomicReference<>();
        server.handler(request -> {
            if (requests.incrementAndGet() == 1) {
                // The first dispatcher's lease runs out while its request is in flight.
                clock.advance(Duration.ofSeconds(11));
                otherAttempted.set(other.runOnce());
            }
            return LoopbackServer.Answer.of(200);
        });
        Delivery delivery = store.enqueue(target, SenderFixtures.export(), clock.instant());

        assertThat(slow.runOnce()).isEqualTo(1);

        assertThat(otherAttempted.get()).isEqualTo(1);
        Delivery after = store.find(delivery.id());
        assertThat(after.status()).isEqualTo(DeliveryStatus.EXPORTED);
        assertThat(after.attemptLog())
                .as("only the current claim's result is recorded")
                .hasSize(1);
        assertThat(after.attemptLog().get(0).attempt()).isEqualTo(2);
        assertThat(server.received())
                .extracting(r -> SenderFixtures.webhook(r.body()).attempt())
                .containsExactly(1, 2);
    }

    @Test
    void gracefulShutdownFinishesTheRunningAttemptAndReleasesUnstartedWork() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        server.handler(request -> {
            entered.countDown();
            release.await(60, TimeUnit.SECONDS);
            return LoopbackServer.Answer.of(200);
        });
        ExportTarget target = SenderFixtures.loopbackTarget(server.url("/hook"));
        WebhookSender sender = SenderFixtures.patientSender();
        List<Delivery> deliveries = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            deliveries.add(store.enqueue(
                    target, SenderFixtures.export(), Clock.systemUTC().instant()));
        }
        Dispatcher dispatcher = dispatcher(sender, target)
                .workers(1)
                .batchSize(3)
                .lease(Duration.ofMinutes(5))
                .shutdownTimeout(Duration.ofMinutes(2))
                .build();
        dispatcher.start();
        assertThat(entered.await(60, TimeUnit.SECONDS)).isTrue();

        Thread closer = new Thread(dispatcher::close);
        closer.start();
        // close() has stopped claiming once it waits for the workers; only then may the attempt end.
        awaitCondition(() -> closer.getState() == Thread.State.TIMED_WAITING);
        release.countDown();
        closer.join(120_000);

        assertThat(closer.isAlive()).isFalse();
        assertThat(store.find(deliveries.get(0).id()).status()).isEqualTo(DeliveryStatus.EXPORTED);
        for (Delivery unstarted : deliveries.subList(1, 3)) {
            Delivery now = store.find(unstarted.id());
            assertThat(now.status()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(now.attempts()).isZero();
            assertThat(now.leaseOwner()).isNull();
        }
        assertThat(server.received()).hasSize(1);
    }

    /** Makes the server answer with the status held by the result, {@code initial} until it is set. */
    private AtomicInteger answerWithStatus(int initial) {
        AtomicInteger status = new AtomicInteger(initial);
        server.handler(request -> LoopbackServer.Answer.of(status.get()));
        return status;
    }

    @Test
    void blockedAndFailedDeliveriesAreRetriedOnRequest() {
        MutableClock clock = SenderFixtures.clock();
        AtomicInteger status = answerWithStatus(500);
        ExportTarget good = SenderFixtures.loopbackTarget(server.url("/hook"));
        AtomicReference<ExportTarget> current =
                new AtomicReference<>(good.toBuilder().signingSecrets(List.of()).build());
        WebhookSender sender = SenderFixtures.sender(clock).build();
        Dispatcher dispatcher = Dispatcher.builder()
                .store(store)
                .sender(sender)
                .targets(id -> current.get())
                .retryPolicy(SenderFixtures.fastPolicy(1))
                .clock(clock)
                .build();
        Delivery delivery = store.enqueue(current.get(), SenderFixtures.export(), clock.instant());

        dispatcher.runOnce();
        assertThat(store.find(delivery.id()).status()).isEqualTo(DeliveryStatus.BLOCKED);
        assertThat(store.find(delivery.id()).lastAttempt().code())
                .isEqualTo(ErrorCode.GENERIC_WEBHOOK_SECRET_MISSING.wireValue());
        assertThat(server.received()).isEmpty();

        current.set(good);
        assertThat(store.retryOnRequest(delivery.id(), clock.instant())).isTrue();
        dispatcher.runOnce();
        assertThat(store.find(delivery.id()).status()).isEqualTo(DeliveryStatus.FAILED);

        status.set(200);
        assertThat(store.retryOnRequest(delivery.id(), clock.instant())).isTrue();
        dispatcher.runOnce();
        Delivery done = store.find(delivery.id());
        assertThat(done.status()).isEqualTo(DeliveryStatus.EXPORTED);
        assertThat(done.attemptLog()).extracting(AttemptOutcome::attempt).containsExactly(1, 2, 3);
        assertThat(server.received())
                .extracting(r -> SenderFixtures.webhook(r.body()).attempt())
                .containsExactly(2, 3);
        assertThat(store.retryOnRequest(delivery.id(), clock.instant())).isFalse();
    }

    @Test
    void listenerHearsEveryRecordedAttemptWithTheStatusItLeftAndItsFailuresAreContained() {
        MutableClock clock = SenderFixtures.clock();
        AtomicInteger status = answerWithStatus(503);
        ExportTarget target = SenderFixtures.loopbackTarget(server.url("/hook"));
        List<String> heard = new ArrayList<>();
        Dispatcher.Listener listener = new Dispatcher.Listener() {
            @Override
            public void onAttempt(AttemptOutcome outcome, DeliveryStatus now) {
                heard.add(outcome.attempt() + " " + outcome.httpStatus() + " " + outcome.code() + " " + now.wireName());
                throw new IllegalStateException("listener bug");
            }
        };
        Dispatcher dispatcher = dispatcher(SenderFixtures.sender(clock).build(), target)
                .retryPolicy(SenderFixtures.fastPolicy(2))
                .clock(clock)
                .listener(listener)
                .build();
        Delivery delivery = store.enqueue(target, SenderFixtures.export(), clock.instant());

        assertThat(dispatcher.runOnce()).isEqualTo(1);
        clock.advance(Duration.ofHours(1));
        assertThat(dispatcher.runOnce()).isEqualTo(1);
        status.set(200);
        assertThat(store.retryOnRequest(delivery.id(), clock.instant())).isTrue();
        assertThat(dispatcher.runOnce()).isEqualTo(1);

        assertThat(heard)
                .containsExactly(
                        "1 503 WEBHOOK_DELIVERY_FAILED retry_scheduled",
                        "2 503 WEBHOOK_DELIVERY_FAILED failed",
                        "3 200 null exported");
        assertThat(store.find(delivery.id()).status()).isEqualTo(DeliveryStatus.EXPORTED);
    }

    @Test
    void isRunningFromStartUntilClose() {
        ExportTarget target = SenderFixtures.loopbackTarget(server.url("/hook"));
        Dispatcher dispatcher =
                dispatcher(WebhookSender.builder().build(), target).build();

        assertThat(dispatcher.isRunning()).isFalse();
        dispatcher.start();
        assertThat(dispatcher.isRunning()).isTrue();
        dispatcher.close();
        assertThat(dispatcher.isRunning()).isFalse();
    }

    @Test
    void retryableOutcomesAreRescheduledAndShownInTheStatusView() throws Exception {
        MutableClock clock = SenderFixtures.clock();
        server.handler(request -> new LoopbackServer.Answer(429, Map.of("Retry-After", "120"), "slow down".getBytes()));
        ExportTarget target = SenderFixtures.loopbackTarget(server.url("/hook"));
        Dispatcher dispatcher = dispatcher(SenderFixtures.sender(clock).build(), target)
                .clock(clock)
                .build();
        Delivery delivery = store.enqueue(target, SenderFixtures.export(), clock.instant());

        dispatcher.runOnce();
        assertThat(dispatcher.runOnce()).as("not due yet").isZero();

        DeliveryStatusView view = DeliveryStatusView.of(store.find(delivery.id()), clock.instant());
        JsonNode json = WebhookJson.mapper().readTree(WebhookJson.mapper().writeValueAsBytes(view));
        assertThat(json.get("status").asText()).isEqualTo("retry_scheduled");
        assertThat(json.get("retry_after_seconds").asLong()).isEqualTo(120);
        assertThat(json.get("retry_count").asInt()).isZero();
        assertThat(json.get("provider_key").asText()).isEqualTo("generic_webhook");
        assertThat(json.get("signing_status").asText()).isEqualTo("signed");
        assertThat(json.get("last_http_status").asInt()).isEqualTo(429);
        assertThat(json.get("last_code").asText()).isEqualTo("WEBHOOK_RATE_LIMITED");
        assertThat(json.get("response_snippet").asText()).isEqualTo("slow down");
        assertThat(json.get("attempts")).hasSize(1);
        assertThat(json.toString()).doesNotContain(SenderFixtures.SECRET_TEXT);

        clock.advance(Duration.ofSeconds(120));
        assertThat(dispatcher.runOnce()).isEqualTo(1);
        assertThat(DeliveryStatusView.of(store.find(delivery.id()), clock.instant())
                        .retryCount())
                .isEqualTo(1);
    }

    @Test
    void theLeaseMustOutlastTheRequestTimeout() {
        WebhookSender sender = WebhookSender.builder()
                .connectTimeout(Duration.ofSeconds(5))
                .responseTimeout(Duration.ofSeconds(10))
                .build();
        ExportTarget target = SenderFixtures.loopbackTarget(server.url("/hook"));

        assertThatThrownBy(() ->
                        dispatcher(sender, target).lease(Duration.ofSeconds(15)).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lease");
        assertThat(dispatcher(sender, target).lease(Duration.ofSeconds(16)).build())
                .isNotNull();
        assertThat(dispatcher(sender, target)
                        .lease(Duration.ofSeconds(20))
                        .batchSize(100)
                        .build())
                .as("a batch only needs a lease that outlasts one attempt")
                .isNotNull();
    }

    @Test
    void aBatchLooksItsTargetUpOnceAndAgainWhenWhatItFoundIsASecondOld() {
        MutableClock clock = SenderFixtures.clock();
        ExportTarget target = SenderFixtures.loopbackTarget(server.url("/hook"));
        WebhookSender sender = SenderFixtures.sender(clock).build();
        AtomicBoolean disabled = new AtomicBoolean();
        AtomicInteger lookups = new AtomicInteger();
        AtomicInteger requests = new AtomicInteger();
        server.handler(request -> {
            requests.incrementAndGet();
            // The operator disables the target during the first attempt, which takes 600 ms.
            disabled.set(true);
            clock.advance(Duration.ofMillis(600));
            return LoopbackServer.Answer.of(200);
        });
        List<Delivery> deliveries = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            deliveries.add(store.enqueue(target, SenderFixtures.export(), clock.instant()));
        }
        Dispatcher dispatcher = Dispatcher.builder()
                .store(store)
                .sender(sender)
                .targets(id -> {
                    lookups.incrementAndGet();
                    return id == target.id() && !disabled.get() ? target : null;
                })
                .clock(clock)
                .lease(Duration.ofSeconds(10))
                .batchSize(4)
                .build();

        assertThat(dispatcher.runOnce()).isEqualTo(4);

        // 1st at 0 ms: looked up, sent; 2nd at 600 ms: the same target, sent; 3rd at 1,200 ms: looked up
        // again, now disabled, blocked; 4th: that answer again, blocked.
        assertThat(lookups).hasValue(2);
        assertThat(requests).hasValue(2);
        assertThat(deliveries.stream().map(d -> store.find(d.id()).status()))
                .containsExactly(
                        DeliveryStatus.EXPORTED,
                        DeliveryStatus.EXPORTED,
                        DeliveryStatus.BLOCKED,
                        DeliveryStatus.BLOCKED);
        assertThat(store.find(deliveries.get(3).id()).attemptLog())
                .extracting(AttemptOutcome::code)
                .containsExactly(ErrorCode.GENERIC_WEBHOOK_TARGET_MISSING.wireValue());
    }

    @Test
    void aBatchWhoseLeaseRunsShortReleasesTheRestUnattempted() {
        MutableClock clock = SenderFixtures.clock();
        ExportTarget target = SenderFixtures.loopbackTarget(server.url("/hook"));
        WebhookSender sender = SenderFixtures.sender(clock).build();
        AtomicInteger requests = new AtomicInteger();
        server.handler(request -> {
            requests.incrementAndGet();
            // Each attempt takes 3 s of the 10 s lease; the request timeout is 4 s.
            clock.advance(Duration.ofSeconds(3));
            return LoopbackServer.Answer.of(200);
        });
        List<Delivery> deliveries = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            deliveries.add(store.enqueue(target, SenderFixtures.export(), clock.instant()));
        }
        Dispatcher dispatcher = dispatcher(sender, target)
                .clock(clock)
                .lease(Duration.ofSeconds(10))
                .batchSize(5)
                .build();

        assertThat(dispatcher.runOnce()).isEqualTo(2);

        assertThat(requests).hasValue(2);
        for (Delivery done : deliveries.subList(0, 2)) {
            assertThat(store.find(done.id()).status()).isEqualTo(DeliveryStatus.EXPORTED);
        }
        for (Delivery released : deliveries.subList(2, 5)) {
            Delivery now = store.find(released.id());
            assertThat(now.status()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(now.attempts()).isZero();
            assertThat(now.leaseOwner()).isNull();
        }
        assertThat(dispatcher.runOnce())
                .as("released claims are due again at once")
                .isEqualTo(2);
    }

    @Test
    void aStaleFencingTokenChangesNothingInTheStore() {
        MutableClock clock = SenderFixtures.clock();
        ExportTarget target = SenderFixtures.loopbackTarget(server.url("/hook"));
        Delivery delivery = store.enqueue(target, SenderFixtures.export(), clock.instant());
        ClaimedDelivery first =
                store.claimDue("a", clock.instant(), Duration.ofSeconds(10), 5).get(0);

        assertThat(store.claimDue("b", clock.instant(), Duration.ofSeconds(10), 5))
                .isEmpty();
        clock.advance(Duration.ofSeconds(11));
        ClaimedDelivery second =
                store.claimDue("b", clock.instant(), Duration.ofSeconds(10), 5).get(0);

        AttemptOutcome ok = AttemptOutcome.exported(1, "ok", clock.instant(), clock.instant())
                .withAnswer(200, null);
        assertThat(second.fencingToken()).isGreaterThan(first.fencingToken());
        assertThat(store.finish(first, ok, DeliveryStatus.EXPORTED, clock.instant()))
                .isFalse();
        assertThat(store.release(first, clock.instant())).isFalse();
        assertThat(store.find(delivery.id()).status()).isEqualTo(DeliveryStatus.SENDING);
        assertThat(store.finish(second, ok, DeliveryStatus.EXPORTED, clock.instant()))
                .isTrue();
        assertThat(store.find(delivery.id()).attemptLog()).hasSize(1);
    }

    @Test
    void enqueueIsIdempotentPerKeyAndTheStoreIsBounded() {
        InMemoryDeliveryStore small = new InMemoryDeliveryStore(2);
        ExportTarget target = SenderFixtures.loopbackTarget(server.url("/hook"));
        MutableClock clock = SenderFixtures.clock();
        Delivery first = small.enqueue(target, SenderFixtures.export("same"), clock.instant());

        assertThat(small.enqueue(target, SenderFixtures.export("same"), clock.instant())
                        .id())
                .isEqualTo(first.id());
        small.enqueue(target, SenderFixtures.export(), clock.instant());
        assertThatThrownBy(() -> small.enqueue(target, SenderFixtures.export(), clock.instant()))
                .isInstanceOf(com.webriskops.webhooks.store.StoreException.class);
    }

    @Test
    void aFailedWriteBackLeavesTheRestOfTheBatchUnattempted() {
        ExportTarget target = SenderFixtures.loopbackTarget(server.url("/hook"));
        for (int i = 0; i < 3; i++) {
            store.enqueue(target, SenderFixtures.export(), Clock.systemUTC().instant());
        }
        DeliveryStore failingWrites = new ForwardingDeliveryStore(store) {
            @Override
            public boolean reschedule(
                    ClaimedDelivery claim, AttemptOutcome outcome, java.time.Instant next, java.time.Instant now) {
                throw new IllegalStateException("store down");
            }

            @Override
            public boolean finish(
                    ClaimedDelivery claim, AttemptOutcome outcome, DeliveryStatus status, java.time.Instant now) {
                throw new IllegalStateException("store down");
            }
        };
        WebhookSender sender = SenderFixtures.patientSender();
        Dispatcher dispatcher = Dispatcher.builder()
                .store(failingWrites)
                .sender(sender)
                .targets(id -> id == target.id() ? target : null)
                .batchSize(3)
                .pollInterval(Duration.ofMillis(5))
                .build();

        assertThat(dispatcher.runOnce()).isEqualTo(1);

        assertThat(server.received())
                .as("only the attempt whose write-back failed was sent")
                .hasSize(1);
    }

    @Test
    void aWriteBackThatFailsAFewTimesIsTriedAgainSoTheAttemptIsNotSentTwice() {
        ExportTarget target = SenderFixtures.loopbackTarget(server.url("/hook"));
        for (int i = 0; i < 3; i++) {
            store.enqueue(target, SenderFixtures.export(), Clock.systemUTC().instant());
        }
        AtomicInteger failuresLeft = new AtomicInteger(3);
        DeliveryStore flakyWrites = new ForwardingDeliveryStore(store) {
            @Override
            public boolean finish(
                    ClaimedDelivery claim, AttemptOutcome outcome, DeliveryStatus status, java.time.Instant now) {
                // A restarted database: stale pooled connections fail the first statements.
                if (failuresLeft.getAndDecrement() > 0) {
                    throw new IllegalStateException("connection closed");
                }
                return super.finish(claim, outcome, status, now);
            }
        };
        Dispatcher dispatcher = Dispatcher.builder()
                .store(flakyWrites)
                .sender(SenderFixtures.patientSender())
                .targets(id -> id == target.id() ? target : null)
                .batchSize(3)
                .pollInterval(Duration.ofMillis(5))
                .build();

        assertThat(dispatcher.runOnce()).isEqualTo(3);

        assertThat(server.received()).as("each delivery sent once").hasSize(3);
        assertThat(store.list(DeliveryStatus.EXPORTED, 10)).hasSize(3);
        assertThat(dispatcher.runOnce()).as("nothing left to send again").isZero();
    }

    /** Waits until {@code condition} holds, failing after a bound far beyond any loaded machine's delay. */
    private static void awaitCondition(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not reached in 120 s").isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }
}
