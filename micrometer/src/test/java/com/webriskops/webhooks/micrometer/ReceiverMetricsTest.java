package com.webriskops.webhooks.micrometer;

import static com.webriskops.webhooks.testing.TestDeliveries.NOW;
import static com.webriskops.webhooks.testing.TestDeliveries.SECRET;
import static com.webriskops.webhooks.testing.TestDeliveries.delivery;
import static org.assertj.core.api.Assertions.assertThat;

import com.webriskops.webhooks.payload.TicketExportWebhook;
import com.webriskops.webhooks.protocol.WebhookHeaders;
import com.webriskops.webhooks.receiver.InboundRequest;
import com.webriskops.webhooks.receiver.ReceiveResult;
import com.webriskops.webhooks.receiver.VerifiedDelivery;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.signing.WebhookSecret;
import com.webriskops.webhooks.testing.TestDeliveries;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The receiver's meters over real pipeline runs: every answer counted once, with low-cardinality tags. */
class ReceiverMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final WebhookReceiver<TicketExportWebhook> receiver = WebhookReceiver.builder()
            .secrets(SECRET)
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .listener(ReceiverMetrics.of(registry, Tags.of("endpoint", "orders")))
            .build();

    private ReceiveResult<TicketExportWebhook> receive(TestDeliveries.Request request) {
        return receiver.receive(InboundRequest.of(request.headers(), request.body()));
    }

    private double received(String outcome, String status, String code) {
        return registry.get(WebhookMeterNames.RECEIVED)
                .tags("outcome", outcome, "status", status, "code", code, "endpoint", "orders")
                .counter()
                .count();
    }

    @Test
    void countsEveryAnswerByOutcomeStatusAndCode() {
        TestDeliveries.Request first = delivery().idempotencyKey("export-1").build();
        VerifiedDelivery<TicketExportWebhook> accepted =
                ((ReceiveResult.Accepted<TicketExportWebhook>) receive(first)).delivery();
        receiver.finish(accepted, 204);
        receive(delivery().idempotencyKey("export-1").attempt(2).build());
        receive(first);
        receive(delivery().signedWith(WebhookSecret.of("wrong")).build());
        receive(delivery().header(WebhookHeaders.CONTENT_TYPE, "text/plain").build());
        VerifiedDelivery<TicketExportWebhook> failing = ((ReceiveResult.Accepted<TicketExportWebhook>)
                        receive(delivery().idempotencyKey("export-2").build()))
                .delivery();
        receiver.finish(failing, 500);

        assertThat(received("accepted", "204", "none")).isEqualTo(1);
        assertThat(received("handler_error", "500", "none")).isEqualTo(1);
        assertThat(received("duplicate", "200", "none")).isEqualTo(1);
        assertThat(received("rejected", "401", "WEBHOOK_SIGNATURE_INVALID")).isEqualTo(2);
        assertThat(received("rejected", "415", "WEBHOOK_VALIDATION_FAILED")).isEqualTo(1);
        assertThat(registry.get(WebhookMeterNames.DUPLICATES).counter().count()).isEqualTo(1);
        assertThat(registry.get(WebhookMeterNames.REPLAYS).counter().count()).isEqualTo(1);
        assertThat(registry.get(WebhookMeterNames.VERIFICATION)
                        .tags("outcome", "accepted")
                        .timer()
                        .count())
                .isEqualTo(2);
        assertThat(registry.get(WebhookMeterNames.VERIFICATION)
                        .tags("outcome", "rejected")
                        .timer()
                        .count())
                .isEqualTo(3);
        assertThat(registry.get(WebhookMeterNames.VERIFICATION)
                        .tags("outcome", "duplicate")
                        .timer()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void metersAreNamedWebriskopsAndTagsNeverCarryKeysNoncesOrSecrets() {
        TestDeliveries.Request request = delivery()
                .idempotencyKey("export-secretive")
                .nonce("nonce-unique-1")
                .build();
        receiver.finish(((ReceiveResult.Accepted<TicketExportWebhook>) receive(request)).delivery(), 200);
        receive(request);
        receive(delivery().idempotencyKey("export-secretive").attempt(2).build());

        assertThat(registry.getMeters()).isNotEmpty();
        for (Meter meter : registry.getMeters()) {
            assertThat(meter.getId().getName()).startsWith("webriskops.");
            for (Tag tag : meter.getId().getTags()) {
                assertThat(tag.getValue())
                        .doesNotContain("export-secretive")
                        .doesNotContain("nonce-unique-1")
                        .doesNotContain(TestDeliveries.SECRET_TEXT);
            }
        }
    }
}
