package com.webriskops.webhooks.samples.guides;

import com.fasterxml.jackson.databind.JsonNode;
import com.webriskops.webhooks.receiver.RateLimitPolicy;
import com.webriskops.webhooks.receiver.VerifiedDelivery;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.signing.WebhookSecret;
import com.webriskops.webhooks.vicket.VicketScheme;
import com.webriskops.webhooks.vicket.VicketWebhook;
import java.time.Duration;

/** docs/schemes.md: a receiver for the Vicket envelope. */
final class VicketGuide {
    private VicketGuide() {}

    static WebhookReceiver<VicketWebhook> receiver() {
        // tag::receiver[]
        WebhookReceiver<VicketWebhook> receiver = WebhookReceiver.builder(VicketScheme.ofDefaults())
                .secrets(WebhookSecret.of(System.getenv("VICKET_WEBHOOK_SECRET")))
                .policy(RateLimitPolicy.perKey(100, Duration.ofMinutes(1), VicketWebhook::event, 1_000))
                .build();
        // JAX-RS: WebRiskOpsWebhookFeature.of(receiver); servlet: new WebRiskOpsWebhookFilter(receiver)
        // end::receiver[]
        return receiver;
    }

    static JsonNode handle(VerifiedDelivery<VicketWebhook> delivery) {
        // tag::handler[]
        VicketWebhook event = delivery.payload(); // id, event, occurredAt (Instant), data (JsonNode)
        // end::handler[]
        return event.data();
    }
}
