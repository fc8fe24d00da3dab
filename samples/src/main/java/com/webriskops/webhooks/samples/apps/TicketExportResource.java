package com.webriskops.webhooks.samples.apps;

import com.webriskops.webhooks.jaxrs.VerifiedDeliveries;
import com.webriskops.webhooks.jaxrs.VerifiedWebhook;
import com.webriskops.webhooks.payload.TicketExportWebhook;
import com.webriskops.webhooks.receiver.VerifiedDelivery;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The JAX-RS resource of the Jersey example: receives verified ticket exports at {@code POST
 * /webhooks/webriskops} and hands each to a handler. Thread-safe when the handler is.
 */
// tag::resource[]
@Path("/webhooks/webriskops")
public class TicketExportResource {
    private final Consumer<VerifiedDelivery<?>> handler;

    /** A resource that passes each verified, first-time delivery to {@code handler}. */
    public TicketExportResource(Consumer<VerifiedDelivery<?>> handler) {
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    /**
     * Runs only for verified, valid, first-time deliveries; the kit answers everything else. The 204
     * completes the idempotency key; an exception releases it for the sender's retry.
     */
    @POST
    @VerifiedWebhook
    public Response receive(TicketExportWebhook webhook, @Context SecurityContext security) {
        VerifiedDelivery<?> delivery = VerifiedDeliveries.from(security);
        handler.accept(delivery);
        return Response.noContent().build();
    }
}
// end::resource[]
