package com.webriskops.webhooks.vicket;

import static com.webriskops.webhooks.testing.TestDeliveries.NOW;
import static com.webriskops.webhooks.testing.TestDeliveries.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.receiver.AllowListPolicy;
import com.webriskops.webhooks.receiver.InboundRequest;
import com.webriskops.webhooks.receiver.ReceiveResult;
import com.webriskops.webhooks.receiver.VerifiedDelivery;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.testing.TestDeliveries;
import com.webriskops.webhooks.testing.VicketDeliveries;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class VicketSchemeTest {
    private final WebhookReceiver receiver = WebhookReceiver.builder()
            .scheme(VicketScheme.ofDefaults())
            .secrets(SECRET)
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build();

    @Test
    void deliveryCarriesTheTypedPayloadAndRefusesTheWebRiskOpsAccessor() {
        TestDeliveries.Request request = VicketDeliveries.delivery()
                .id("evt-typed")
                .editJson(json -> json.put("occurred_at", "2026-05-23T16:21:11.412+02:00"))
                .build();

        ReceiveResult result = receiver.receive(InboundRequest.of(request.headers(), request.body()));

        VerifiedDelivery delivery = ((ReceiveResult.Accepted) result).delivery();
        VicketWebhook webhook = delivery.payload(VicketWebhook.class);
        assertThat(webhook.id()).isEqualTo("evt-typed");
        assertThat(webhook.occurredAt()).isEqualTo(Instant.parse("2026-05-23T14:21:11.412Z"));
        assertThat(webhook.data().path("ticket").path("status").path("category").asText())
                .isEqualTo("resolved");
        assertThat(delivery.payload()).isSameAs(webhook);
        assertThat(delivery.scheme()).isEqualTo(VicketScheme.NAME);
        assertThat(delivery.idempotencyKey()).isEqualTo("evt-typed");
        assertThat(delivery.attempt()).isZero();
        assertThat(delivery.replayId()).isEqualTo(delivery.nonce()).hasSizeLessThanOrEqualTo(128);
        assertThat(delivery.timestamp()).isEqualTo(NOW);
        assertThatThrownBy(delivery::webhook)
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
    void policiesReadTheWebRiskOpsPayloadSoTheBuilderRefusesThemForVicket() {
        WebhookReceiver.Builder builder = WebhookReceiver.builder()
                .scheme(VicketScheme.ofDefaults())
                .secrets(SECRET)
                .policy(AllowListPolicy.builder().allowAccounts(1).build());

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(VicketScheme.NAME);
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
