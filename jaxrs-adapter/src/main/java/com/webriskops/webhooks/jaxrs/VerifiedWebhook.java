package com.webriskops.webhooks.jaxrs;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the resource methods (or every method of a resource class) that receive WebRiskOps webhook
 * deliveries. Once {@link WebRiskOpsWebhookFeature} is registered, an annotated method runs only for
 * verified, validated, first-time deliveries; every other request is answered by the kit. Methods
 * without the annotation are left alone.
 *
 * <pre>{@code
 * @POST
 * @Path("/webhooks/webriskops")
 * @VerifiedWebhook
 * public Response receive(TicketExportWebhook webhook, @Context ContainerRequestContext request) {
 *     VerifiedDelivery delivery = VerifiedDeliveries.from(request);
 *     ...
 * }
 * }</pre>
 *
 * <p>Do not narrow such a method with {@code @Consumes}: the runtime would then answer a wrong
 * content type with its own 415 before the kit can answer it with a problem body.
 */
@NameBinding
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface VerifiedWebhook {}
