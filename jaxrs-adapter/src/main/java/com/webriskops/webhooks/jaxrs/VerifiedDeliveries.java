package com.webriskops.webhooks.jaxrs;

import com.webriskops.webhooks.receiver.VerifiedDelivery;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.Objects;

/**
 * Reads the {@link VerifiedDelivery} that {@link WebRiskOpsWebhookFeature} stored for the current
 * request under {@link VerifiedDelivery#ATTRIBUTE}.
 *
 * <pre>{@code
 * @POST
 * @VerifiedWebhook
 * public Response receive(TicketExportWebhook webhook, @Context ContainerRequestContext request) {
 *     VerifiedDelivery delivery = VerifiedDeliveries.from(request);
 *     ...
 * }
 * }</pre>
 *
 * <p>Why a request property and not {@code @Context VerifiedDelivery}: JAX-RS 3.1 has no portable way
 * to make a custom type injectable with {@code @Context} (Jersey needs an HK2 binder, RESTEasy its own
 * context injector), while request properties are standard and shared by filters, interceptors and
 * resources on every runtime. {@code @Context ContainerRequestContext} itself is injected into
 * resource methods by Jersey and RESTEasy alike.
 */
public final class VerifiedDeliveries {
    private VerifiedDeliveries() {}

    /**
     * The current request's verified delivery.
     *
     * @throws IllegalStateException if the request has none: the method is not annotated with {@link
     *     VerifiedWebhook}, or {@link WebRiskOpsWebhookFeature} is not registered
     */
    public static VerifiedDelivery from(ContainerRequestContext request) {
        Objects.requireNonNull(request, "request");
        if (request.getProperty(VerifiedDelivery.ATTRIBUTE) instanceof VerifiedDelivery delivery) {
            return delivery;
        }
        throw new IllegalStateException("This request has no verified WebRiskOps delivery: annotate the resource "
                + "method with @VerifiedWebhook and register WebRiskOpsWebhookFeature");
    }
}
