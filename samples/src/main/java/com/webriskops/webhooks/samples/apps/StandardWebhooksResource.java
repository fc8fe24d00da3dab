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
 * The JAX-RS resource of the Jersey example's Standard Webhooks endpoint. It lives in its own JAX-RS application
 * (the feature binds one receiver per application), served under {@code /webhooks/standard}, so its
 * path is the application root. Thread-safe when the handler is.
 */
@Path("/")
public class StandardWebhooksResource {
    private final Consumer<VerifiedDelivery<?>> handler;

    /** A resource that passes each verified, first-time Standard Webhooks delivery to {@code handler}. */
    public StandardWebhooksResource(Consumer<VerifiedDelivery<?>> handler) {
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    /** Runs only for verified, first-time deliveries; read them with {@code payload(StandardWebhooksScheme.Message.class)}. */
    @POST
    @VerifiedWebhook
    public Response receive(byte[] body, @Context SecurityContext security) {
        handler.accept(VerifiedDeliveries.from(security));
        return Response.noContent().build();
    }
}
