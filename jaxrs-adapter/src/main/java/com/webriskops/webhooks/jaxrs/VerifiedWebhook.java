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
 * public Response receive(TicketExportWebhook webhook, @Context SecurityContext security) {
 *     VerifiedDelivery delivery = VerifiedDeliveries.from(security);
 *     ...
 * }
 * }</pre>
 *
 * <p>Such a method needs no {@code @Consumes}; with {@code @Consumes(APPLICATION_JSON)} the runtime
 * itself answers a body of another type with its plain 415, before the kit could answer with its
 * problem body.
 */
@NameBinding
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface VerifiedWebhook {}
