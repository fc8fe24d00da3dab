package com.webriskops.webhooks.samples.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.webriskops.webhooks.receiver.VerifiedDelivery;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.standardwebhooks.StandardWebhooksScheme;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The Standard Webhooks endpoint {@code POST /webhooks/standard} of the examples: a receiver built with
 * a {@link StandardWebhooksScheme} and what to do with each verified, first-time delivery.
 *
 * @param receiver the receiver for the Standard Webhooks scheme
 * @param handler called once per verified, first-time delivery; read it with {@code
 *     delivery.payload(StandardWebhooksScheme.Message.class)}
 */
public record StandardWebhooksEndpoint(
        WebhookReceiver<StandardWebhooksScheme.Message<JsonNode>> receiver, Consumer<VerifiedDelivery<?>> handler) {
    /** The path served. */
    public static final String PATH = "/webhooks/standard";

    /**
     * @throws NullPointerException if an argument is null
     */
    public StandardWebhooksEndpoint {
        Objects.requireNonNull(receiver, "receiver");
        Objects.requireNonNull(handler, "handler");
    }

    /**
     * The README's example: a receiver for Standard Webhooks (Svix and others) whose payload is the
     * provider's JSON, as a tree; no schema of the kit's is imposed.
     */
    static WebhookReceiver<StandardWebhooksScheme.Message<JsonNode>> readmeReceiver() {
        // tag::receiver[]
        WebhookReceiver<StandardWebhooksScheme.Message<JsonNode>> receiver = WebhookReceiver.builder(
                        StandardWebhooksScheme.builder(JsonNode.class)
                                .secret(System.getenv(
                                        "STANDARD_WEBHOOKS_SECRET")) // whsec_…; .publicKey("whpk_…") for v1a
                                .build())
                .build();
        // JAX-RS: WebRiskOpsWebhookFeature.of(receiver); servlet: new WebRiskOpsWebhookFilter(receiver)
        // end::receiver[]
        return receiver;
    }

    /** The README's example handler: what application code reads from a verified delivery. */
    static String readmeHandler(VerifiedDelivery<?> delivery) {
        // tag::handler[]
        StandardWebhooksScheme.Message<?> message = delivery.payload(StandardWebhooksScheme.Message.class);
        JsonNode event = (JsonNode) message.payload(); // message.id() is the webhook-id, also delivery.idempotencyKey()
        // end::handler[]
        return message.id() + " " + event.path("type").asText();
    }
}
