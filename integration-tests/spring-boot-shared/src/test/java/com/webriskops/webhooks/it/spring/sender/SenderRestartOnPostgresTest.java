package com.webriskops.webhooks.it.spring.sender;

import static com.webriskops.webhooks.testing.Deliveries.webRiskOps;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.webriskops.webhooks.it.spring.Http;
import com.webriskops.webhooks.sender.DeliveryStatus;
import com.webriskops.webhooks.sender.target.ExportTarget;
import com.webriskops.webhooks.sender.ExportRequest;
import com.webriskops.webhooks.sender.spi.TargetStore;
import com.webriskops.webhooks.spring.WebhookOutbox;
import com.webriskops.webhooks.spring.internal.DispatcherLifecycle;
import com.webriskops.webhooks.testing.Deliveries;
import com.webriskops.webhooks.testing.SignedDelivery;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The embedded sender with its outbox on the application's PostgreSQL (embedded, real): exports are
 * delivered to a loopback receiver; the application is stopped while attempts are in flight and started
 * again, and every export arrives exactly once. The receiver side of the same application keeps its
 * duplicate guard in PostgreSQL too.
 */
class SenderRestartOnPostgresTest {
    private static final int EXPORTS = 12;

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    private static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(SenderApplication.class)
                .properties(
                        "server.port=0",
                        "spring.main.banner-mode=off",
                        "spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                        "webriskops.webhooks.store=jdbc",
                        "webriskops.webhooks.sender.enabled=true",
                        "webriskops.webhooks.sender.workers=2",
                        "webriskops.webhooks.sender.batch-size=4",
                        "webriskops.webhooks.sender.poll-interval=50ms",
                        "webriskops.webhooks.sender.connect-timeout=5s",
                        "webriskops.webhooks.sender.response-timeout=60s",
                        "webriskops.webhooks.receiver.secrets=" + Deliveries.SECRET_TEXT,
                        "webriskops.webhooks.receiver.paths=/webhooks/*",
                        "management.endpoints.web.exposure.include=health,metrics",
                        "management.endpoint.health.show-details=always")
                .run();
    }

    private static ExportRequest export(String key) {
        return Deliveries.exampleExport(key);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(25);
        }
    }

    @Test
    void deliversEveryExportExactlyOnceAcrossARestartMidDelivery() throws Exception {
        try (LoopbackReceiver receiver = new LoopbackReceiver(3, 2)) {
            ConfigurableApplicationContext first = start();
            long targetId;
            try {
                targetId = first.getBean(TargetStore.class)
                        .create(
                                ExportTarget.builder()
                                        .baseUrl(receiver.url())
                                        .deploymentMode(ExportTarget.DeploymentMode.SELF_HOSTED)
                                        .privateNetworkPolicy(ExportTarget.PrivateNetworkPolicy.ALLOWLIST)
                                        .privateNetworkAllowlist("127.0.0.1/32")
                                        .build(),
                                Instant.now())
                        .id();
                ExportTarget target = first.getBean(TargetStore.TargetLookup.class).find(targetId);
                WebhookOutbox outbox = first.getBean(WebhookOutbox.class);
                for (int i = 0; i < EXPORTS; i++) {
                    outbox.enqueue(target, export("restart-" + i));
                }
                assertThat(receiver.awaitHeld()).as("two attempts in flight").isTrue();
            } catch (RuntimeException | Error e) {
                first.close();
                throw e;
            }

            // Stop the first instance while two attempts are in flight: it stops claiming, waits for them.
            DispatcherLifecycle dispatcher = first.getBean(DispatcherLifecycle.class);
            Thread closing = new Thread(first::close, "closing-first-instance");
            closing.start();
            await("the first dispatcher stopped claiming", () -> !dispatcher.isRunning());
            receiver.release();
            closing.join(TimeUnit.SECONDS.toMillis(90));
            assertThat(closing.isAlive()).isFalse();
            int deliveredByFirst = receiver.handled().size();
            assertThat(deliveredByFirst).isBetween(2, EXPORTS - 1);

            ConfigurableApplicationContext second = start();
            try {
                WebhookOutbox outbox = second.getBean(WebhookOutbox.class);
                await(
                        "every export is exported",
                        () -> outbox.store().list(DeliveryStatus.EXPORTED, 100).size() == EXPORTS);

                assertThat(receiver.handled()).hasSize(EXPORTS).allSatisfy((key, count) -> assertThat(count)
                        .as(key)
                        .isEqualTo(1));
                assertThat(receiver.postsPerKey())
                        .hasSize(EXPORTS)
                        .allSatisfy((key, count) -> assertThat(count).as("POSTs of " + key)
                                .isEqualTo(1));

                int port = Integer.parseInt(second.getEnvironment().getRequiredProperty("local.server.port"));
                Http http = new Http(port);
                JsonNode kit = http.getJson("/actuator/health").path("components").path("webriskopsWebhooks");
                assertThat(kit.path("status").asText()).isEqualTo("UP");
                assertThat(kit.path("details").path("dispatcher").asText()).isEqualTo("running");
                assertThat(kit.path("details").path("waitingDeliveries").asInt()).isZero();
                JsonNode exported =
                        http.getJson("/actuator/metrics/webriskops.webhooks.deliveries?tag=outcome:exported");
                assertThat(exported.path("measurements").get(0).path("value").asInt())
                        .isEqualTo(EXPORTS - deliveredByFirst);
                assertThat(http.getJson("/actuator/metrics/webriskops.webhooks.delivery.queue.depth")
                                .path("measurements")
                                .get(0)
                                .path("value")
                                .asInt())
                        .isZero();

                // The same application's receiver keeps its duplicate guard in PostgreSQL.
                SignedDelivery inbound =
                        webRiskOps().timestamp(Instant.now()).idempotencyKey("pg-inbound").build();
                assertThat(http.post("/webhooks/inbound", inbound).statusCode()).isEqualTo(204);
                assertThat(http.post(
                                        "/webhooks/inbound",
                                        webRiskOps().timestamp(Instant.now())
                                                .idempotencyKey("pg-inbound")
                                                .attempt(2)
                                                .build())
                                .statusCode())
                        .isEqualTo(200);
            } finally {
                second.close();
            }
            assertThat(receiver.posts()).isEqualTo(EXPORTS);
        }
    }
}
