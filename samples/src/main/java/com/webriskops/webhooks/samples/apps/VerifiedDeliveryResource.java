package com.webriskops.webhooks.samples.apps;

import com.webriskops.webhooks.jaxrs.VerifiedDeliveries;
import com.webriskops.webhooks.jaxrs.VerifiedWebhook;
import com.webriskops.webhooks.receiver.VerifiedDelivery;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The JAX-RS resource of the Jersey example's Vicket and Standard Webhooks endpoints. Each lives in its
 * own JAX-RS application (the feature binds one receiver per application), served under its path
 * ({@code /webhooks/vicket}, {@code /webhooks/standard}), so the resource's path is the application
 * root; the receiver of that application decides the scheme. Thread-safe when the handler is.
 */
@Path("/")
public class VerifiedDeliveryResource {
    private final Consumer<VerifiedDelivery<?>> handler;

    /** A resource that passes each verified, first-time delivery to {@code handler}. */
    public VerifiedDeliveryResource(Consumer<VerifiedDelivery<?>> handler) {
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    /**
     * Runs only for verified, first-time deliveries; read them with the scheme's payload type, such as
     * {@code payload(VicketWebhook.class)} or {@code payload(StandardWebhooksScheme.Message.class)}.
     */
    @POST
    @VerifiedWebhook
    public Response receive(byte[] body, @Context SecurityContext security) {
        handler.accept(VerifiedDeliveries.from(security));
        return Response.noContent().build();
    }
}
