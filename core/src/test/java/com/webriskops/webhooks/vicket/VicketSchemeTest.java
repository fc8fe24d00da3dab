package com.webriskops.webhooks.vicket;

import static com.webriskops.webhooks.testing.TestDeliveries.NOW;
import static com.webriskops.webhooks.testing.TestDeliveries.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.webriskops.webhooks.payload.TicketExportWebhook;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.receiver.InboundRequest;
import com.webriskops.webhooks.receiver.RateLimitPolicy;
import com.webriskops.webhooks.receiver.ReceiveResult;
import com.webriskops.webhooks.receiver.Rejection;
import com.webriskops.webhooks.receiver.VerifiedDelivery;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.testing.TestDeliveries;
import com.webriskops.webhooks.testing.VicketDeliveries;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class VicketSchemeTest {
    private final WebhookReceiver<VicketWebhook> receiver = WebhookReceiver.builder(VicketScheme.ofDefaults())
            .secrets(SECRET)
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build();

    @Test
    void deliveryCarriesTheTypedPayloadAndRefusesTheWebRiskOpsAccessor() {
        TestDeliveries.Request request = VicketDeliveries.delivery()
                .id("evt-typed")
                .editJson(json -> json.put("occurred_at", "2026-05-23T16:21:11.412+02:00"))
                .build();

        ReceiveResult<VicketWebhook> result = receiver.receive(InboundRequest.of(request.headers(), request.body()));

        VerifiedDelivery<VicketWebhook> delivery = ((ReceiveResult.Accepted<VicketWebhook>) result).delivery();
        VicketWebhook webhook = delivery.payload();
        assertThat(webhook.id()).isEqualTo("evt-typed");
        assertThat(webhook.occurredAt()).isEqualTo(Instant.parse("2026-05-23T14:21:11.412Z"));
        assertThat(webhook.data().path("ticket").path("status").path("category").asText())
                .isEqualTo("resolved");
        assertThat(delivery.payload(VicketWebhook.class)).isSameAs(webhook);
        assertThat(delivery.scheme()).isEqualTo(VicketScheme.NAME);
        assertThat(delivery.idempotencyKey()).isEqualTo("evt-typed");
        assertThat(delivery.attempt()).isZero();
        assertThat(delivery.replayId()).isEqualTo(delivery.nonce()).hasSizeLessThanOrEqualTo(128);
        assertThat(delivery.timestamp()).isEqualTo(NOW);
        assertThatThrownBy(() -> delivery.payload(TicketExportWebhook.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(VicketScheme.NAME);
        receiver.finish(delivery, 200);
    }

    @Test
    void payloadWritesBackAsRfc3339() throws Exception {
        VicketWebhook webhook = new VicketWebhook("evt", "ticket.created", Instant.parse("2026-05-23T14:21:11Z"), null);

        String json = WebhookJson.mapper().writeValueAsString(webhook);

        assertThat(json).contains("\"occurred_at\":\"2026-05-23T14:21:11Z\"");
        VicketWebhook read = WebhookJson.mapper().readValue(json, VicketWebhook.class);
        assertThat(read.id()).isEqualTo("evt");
        assertThat(read.occurredAt()).isEqualTo(webhook.occurredAt());
    }

    @Test
    void aVicketReceiverAppliesPoliciesToTheVicketPayload() {
        // Policies are typed by the payload: a WebRiskOps policy (AllowListPolicy) does not compile
        // here; one that reads the Vicket envelope does, and refuses with the receiver's answers.
        WebhookReceiver<VicketWebhook> guarded = WebhookReceiver.builder(VicketScheme.ofDefaults())
                .secrets(SECRET)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .policy((webhook, now) -> webhook.event().equals("ticket.status_changed")
                        ? null
                        : Rejection.forbidden("This receiver accepts ticket.status_changed events only."))
                .policy(RateLimitPolicy.perKey(1, Duration.ofMinutes(1), VicketWebhook::event, 10))
                .build();
        TestDeliveries.Request created = VicketDeliveries.delivery()
                .id("evt-created")
                .editJson(json -> json.put("event", "ticket.created"))
                .build();
        TestDeliveries.Request changed = VicketDeliveries.delivery()
                .id("evt-changed")
                .editJson(json -> json.put("event", "ticket.status_changed"))
                .build();
        TestDeliveries.Request changedAgain = VicketDeliveries.delivery()
                .id("evt-changed-again")
                .editJson(json -> json.put("event", "ticket.status_changed"))
                .build();

        ReceiveResult<VicketWebhook> forbidden = guarded.receive(InboundRequest.of(created.headers(), created.body()));
        ReceiveResult<VicketWebhook> accepted = guarded.receive(InboundRequest.of(changed.headers(), changed.body()));
        ReceiveResult<VicketWebhook> limited =
                guarded.receive(InboundRequest.of(changedAgain.headers(), changedAgain.body()));

        assertThat(forbidden.answer().status()).isEqualTo(403);
        assertThat(new String(forbidden.answer().body(), StandardCharsets.UTF_8))
                .contains("\"code\":\"WEBHOOK_FORBIDDEN\"");
        assertThat(accepted).isInstanceOf(ReceiveResult.Accepted.class);
        assertThat(limited.answer().status()).isEqualTo(429);
        assertThat(limited.answer().headers()).containsEntry("Retry-After", "60");
        assertThat(new String(limited.answer().body(), StandardCharsets.UTF_8))
                .contains("\"code\":\"WEBHOOK_RATE_LIMITED\"");
    }

    @Test
    void signingRefusesNoSecretsOrTooMany() {
        assertThatThrownBy(() -> VicketScheme.ofDefaults().sign(List.of(), NOW, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VicketSignatures.sign(java.util.Collections.nCopies(9, SECRET), 1, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VicketSignatures.sign(SECRET, -1, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
