package com.webriskops.webhooks.jaxrs;

import com.webriskops.webhooks.receiver.VerifiedDelivery;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Objects;

/**
 * Gets the {@link VerifiedDelivery} of the current request in a {@link VerifiedWebhook} method, or in
 * a filter or interceptor that runs after the kit's.
 *
 * <p>In a resource method, take {@code @Context SecurityContext}: the kit makes the verified sender
 * the request's principal, and the principal carries the delivery.
 *
 * <pre>{@code
 * @POST
 * @VerifiedWebhook
 * public Response receive(TicketExportWebhook webhook, @Context SecurityContext security) {
 *     VerifiedDelivery delivery = VerifiedDeliveries.from(security);
 *     ...
 * }
 * }</pre>
 *
 * <p>In a filter or interceptor, and in resources on Jersey, the delivery is also the request
 * property {@link VerifiedDelivery#ATTRIBUTE}, read with {@link #from(ContainerRequestContext)}.
 *
 * <p>Why these two and not {@code @Context VerifiedDelivery}: JAX-RS 3.1 has no portable way to make
 * a type of one's own injectable (Jersey needs an HK2 binder, RESTEasy a context injector of its
 * own), and {@code @Context ContainerRequestContext} is not injectable into resource methods on
 * every runtime (RESTEasy 6.2 refuses it). {@code SecurityContext} is injectable everywhere, and
 * request properties are shared by filters, interceptors and resources everywhere. This class is
 * stateless and thread-safe.
 */
public final class VerifiedDeliveries {
    private VerifiedDeliveries() {}

    /**
     * The delivery whose sender is {@code security}'s principal.
     *
     * @throws IllegalStateException if the principal is not a verified WebRiskOps sender: the method
     *     is not annotated with {@link VerifiedWebhook}, {@link WebRiskOpsWebhookFeature} is not
     *     registered, or a later filter replaced the security context
     */
    public static VerifiedDelivery<?> from(SecurityContext security) {
        Objects.requireNonNull(security, "security");
        if (security.getUserPrincipal() instanceof DeliverySecurityContext.SenderPrincipal sender) {
            return sender.delivery();
        }
        throw missing();
    }

    /**
     * The delivery stored as the request property {@link VerifiedDelivery#ATTRIBUTE}.
     *
     * @throws IllegalStateException if the request has none: the method is not annotated with {@link
     *     VerifiedWebhook}, or {@link WebRiskOpsWebhookFeature} is not registered
     */
    public static VerifiedDelivery<?> from(ContainerRequestContext request) {
        Objects.requireNonNull(request, "request");
        if (request.getProperty(VerifiedDelivery.ATTRIBUTE) instanceof VerifiedDelivery<?> delivery) {
            return delivery;
        }
        throw missing();
    }

    private static IllegalStateException missing() {
        return new IllegalStateException("This request has no verified WebRiskOps delivery: annotate the resource "
                + "method with @VerifiedWebhook and register WebRiskOpsWebhookFeature");
    }
}
