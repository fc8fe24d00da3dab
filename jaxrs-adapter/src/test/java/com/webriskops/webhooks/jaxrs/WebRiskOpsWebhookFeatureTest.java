package com.webriskops.webhooks.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.webriskops.webhooks.payload.TicketExportWebhook;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.signing.WebhookSecret;
import com.webriskops.webhooks.vicket.VicketScheme;
import com.webriskops.webhooks.vicket.VicketWebhook;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The feature is configured by the receiver it runs; the receiver's builder is tested in core. */
class WebRiskOpsWebhookFeatureTest {
    @Test
    void runsTheGivenReceiverWithItsSettings() {
        WebhookReceiver<TicketExportWebhook> receiver = WebhookReceiver.builder()
                .secrets(WebhookSecret.forTesting("s"))
                .maxBodyBytes(1234)
                .timestampTolerance(Duration.ofSeconds(60))
                .build();

        WebRiskOpsWebhookFeature feature = WebRiskOpsWebhookFeature.of(receiver);

        assertThat(feature.receiver()).isSameAs(receiver);
        assertThat(feature.receiver().maxBodyBytes()).isEqualTo(1234);
        assertThat(feature.receiver().toString()).contains("timestampTolerance=PT1M");
        assertThat(feature.toString()).contains("scheme=ticket-export.webhook.v1");
    }

    @Test
    void runsAReceiverOfAnyScheme() {
        WebhookReceiver<VicketWebhook> receiver = WebhookReceiver.builder(VicketScheme.ofDefaults())
                .secrets(WebhookSecret.forTesting("s"))
                .build();

        assertThat(WebRiskOpsWebhookFeature.of(receiver).receiver()).isSameAs(receiver);
        assertThat(WebRiskOpsWebhookFeature.of(receiver).toString()).contains("scheme=" + VicketScheme.NAME);
    }

    @Test
    void requiresAReceiver() {
        assertThatThrownBy(() -> WebRiskOpsWebhookFeature.of(null)).isInstanceOf(NullPointerException.class);
    }
}
