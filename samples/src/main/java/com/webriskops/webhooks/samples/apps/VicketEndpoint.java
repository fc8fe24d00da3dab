package com.webriskops.webhooks.samples.apps;

import com.webriskops.webhooks.receiver.VerifiedDelivery;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.vicket.VicketWebhook;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The Vicket webhook {@code POST /webhooks/vicket} of the examples: a receiver built with {@code
 * WebhookReceiver.builder(VicketScheme.ofDefaults())} and what to do with each verified, first-time delivery.
 *
 * @param receiver the receiver for the Vicket scheme
 * @param handler called once per verified, first-time delivery; read it with {@code
 *     delivery.payload(VicketWebhook.class)}
 */
public record VicketEndpoint(WebhookReceiver<VicketWebhook> receiver, Consumer<VerifiedDelivery<?>> handler) {
    /** The path served. */
    public static final String PATH = "/webhooks/vicket";

    /**
     * @throws NullPointerException if an argument is null
     */
    public VicketEndpoint {
        Objects.requireNonNull(receiver, "receiver");
        Objects.requireNonNull(handler, "handler");
    }
}
