package com.webriskops.webhooks.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import com.webriskops.webhooks.sender.DeliveryStatus;
import com.webriskops.webhooks.sender.ExportRequest;
import com.webriskops.webhooks.sender.RetryPolicy;
import com.webriskops.webhooks.sender.WebhookSender;
import com.webriskops.webhooks.sender.internal.InMemoryDeliveryStore;
import com.webriskops.webhooks.sender.outbox.Delivery;
import com.webriskops.webhooks.sender.outbox.Dispatcher;
import com.webriskops.webhooks.sender.spi.DeliveryStore;
import com.webriskops.webhooks.sender.target.ExportTarget;
import com.webriskops.webhooks.store.StoreException;
import com.webriskops.webhooks.testing.ForwardingDeliveryStore;
import com.webriskops.webhooks.testing.MutableClock;
import com.webriskops.webhooks.testing.TestDeliveries;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sender's meters over real dispatcher runs against a loopback HTTP target. */
class SenderMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MutableClock clock = new MutableClock(TestDeliveries.NOW);
    private final InMemoryDeliveryStore store = new InMemoryDeliveryStore();
    private final AtomicInteger answer = new AtomicInteger(200);
    private HttpServer server;
    private ExportTarget target;
    private Dispatcher dispatcher;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(answer.get(), -1);
            exchange.close();
        });
        server.start();
        target = ExportTarget.builder()
                .id(7)
                .baseUrl("http://127.0.0.1:" + server.getAddress().getPort() + "/hook")
                .deploymentMode(ExportTarget.DeploymentMode.SELF_HOSTED)
                .privateNetworkPolicy(ExportTarget.PrivateNetworkPolicy.ALLOWLIST)
                .privateNetworkAllowlist("127.0.0.1/32")
                .signingSecrets(TestDeliveries.SECRET)
                .build();
        WebhookSender sender = WebhookSender.builder()
                .clock(clock)
                .connectTimeout(Duration.ofSeconds(5))
                .responseTimeout(Duration.ofSeconds(5))
                .build();
        dispatcher = Dispatcher.builder()
                .store(store)
                .sender(sender)
                .targets(id -> id == target.id() ? target : null)
                .retryPolicy(RetryPolicy.builder()
                        .maxAttempts(2)
                        .initialBackoff(Duration.ofSeconds(10))
                        .maxBackoff(Duration.ofSeconds(10))
                        .build())
                .clock(clock)
                .listener(SenderMetrics.of(registry))
                .build();
        DeliveryBacklogMetrics.builder(store)
                .clock(clock)
                .refreshInterval(Duration.ZERO)
                .build()
                .bindTo(registry);
    }

    @AfterEach
    void stop() {
        dispatcher.close();
        server.stop(0);
    }

    private static ExportRequest export(String key) {
        return TestDeliveries.exampleExport(key);
    }

    /** The in-memory store whose backlog answers once and then fails. */
    private static final class FlakyBacklogStore extends ForwardingDeliveryStore {
        private final AtomicInteger reads;

        FlakyBacklogStore(DeliveryStore delegate, AtomicInteger reads) {
            super(delegate);
            this.reads = reads;
        }

        @Override
        public DeliveryStore.Backlog backlog(Instant now) {
            if (reads.incrementAndGet() > 1) {
                throw new StoreException("database is down");
            }
            return delegate.backlog(now);
        }
    }

    private double queueDepth() {
        return registry.get(WebhookMeterNames.DELIVERY_QUEUE_DEPTH).gauge().value();
    }

    private double oldestDueAgeSeconds() {
        return registry.get(WebhookMeterNames.DELIVERY_OLDEST_DUE_AGE)
                .timeGauge()
                .value(TimeUnit.SECONDS);
    }

    @Test
    void attemptsRetriesEndedDeliveriesAndTheBacklogAreMetered() {
        store.enqueue(target, export("export-retried"), clock.instant());
        store.enqueue(target, export("export-refused"), clock.instant().plusSeconds(5));
        clock.advance(Duration.ofSeconds(30));
        assertThat(queueDepth()).isEqualTo(2);
        assertThat(oldestDueAgeSeconds()).isEqualTo(30);

        answer.set(503);
        assertThat(dispatcher.runOnce()).isEqualTo(2);
        assertThat(registry.get(WebhookMeterNames.DELIVERY_RETRIES)
                        .tags("code", "WEBHOOK_DELIVERY_FAILED")
                        .counter()
                        .count())
                .isEqualTo(2);
        assertThat(queueDepth()).isEqualTo(2);
        assertThat(oldestDueAgeSeconds()).isZero();

        clock.advance(Duration.ofSeconds(15));
        answer.set(401);
        assertThat(dispatcher.runOnce()).isEqualTo(2);

        assertThat(registry.get(WebhookMeterNames.DELIVERIES)
                        .tags("outcome", "blocked", "code", "generic_webhook_auth_failed")
                        .counter()
                        .count())
                .isEqualTo(2);
        assertThat(registry.get(WebhookMeterNames.DELIVERY_ATTEMPTS)
                        .tags("outcome", "retry_scheduled", "http_status", "5xx")
                        .timer()
                        .count())
                .isEqualTo(2);
        assertThat(registry.get(WebhookMeterNames.DELIVERY_ATTEMPTS)
                        .tags("outcome", "blocked", "http_status", "4xx")
                        .timer()
                        .count())
                .isEqualTo(2);
        assertThat(queueDepth()).isZero();
        assertThat(oldestDueAgeSeconds()).isZero();
    }

    @Test
    void exhaustedRetriesCountAsFailedAndExportsAsExported() {
        Delivery failing = store.enqueue(target, export("export-failing"), clock.instant());
        answer.set(500);
        dispatcher.runOnce();
        clock.advance(Duration.ofMinutes(1));
        dispatcher.runOnce();
        assertThat(store.find(failing.id()).status()).isEqualTo(DeliveryStatus.FAILED);

        answer.set(200);
        store.enqueue(target, export("export-ok"), clock.instant());
        dispatcher.runOnce();

        assertThat(registry.get(WebhookMeterNames.DELIVERIES)
                        .tags("outcome", "failed", "code", "WEBHOOK_DELIVERY_FAILED")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get(WebhookMeterNames.DELIVERIES)
                        .tags("outcome", "exported", "code", "none")
                        .counter()
                        .count())
                .isEqualTo(1);
        for (Meter meter : registry.getMeters()) {
            assertThat(meter.getId().getName()).startsWith("webriskops.");
            for (Tag tag : meter.getId().getTags()) {
                assertThat(tag.getValue()).doesNotContain("export-").doesNotContain("127.0.0.1");
            }
        }
    }

    @Test
    void backlogGaugesReadNanWhileTheStoreIsDownAndAreReadOncePerInterval() {
        AtomicInteger reads = new AtomicInteger();
        DeliveryStore flaky = new FlakyBacklogStore(store, reads);
        SimpleMeterRegistry own = new SimpleMeterRegistry();
        DeliveryBacklogMetrics.builder(flaky)
                .clock(clock)
                .refreshInterval(Duration.ofSeconds(10))
                .build()
                .bindTo(own);

        assertThat(own.get(WebhookMeterNames.DELIVERY_QUEUE_DEPTH).gauge().value())
                .isZero();
        assertThat(own.get(WebhookMeterNames.DELIVERY_OLDEST_DUE_AGE)
                        .timeGauge()
                        .value(TimeUnit.SECONDS))
                .isZero();
        assertThat(reads).hasValue(1);
        clock.advance(Duration.ofSeconds(10));
        assertThat(own.get(WebhookMeterNames.DELIVERY_QUEUE_DEPTH).gauge().value())
                .isNaN();
        assertThat(reads).hasValue(2);
    }
}
