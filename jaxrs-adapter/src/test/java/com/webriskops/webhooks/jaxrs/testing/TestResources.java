package com.webriskops.webhooks.jaxrs.testing;

import com.webriskops.webhooks.jaxrs.VerifiedDeliveries;
import com.webriskops.webhooks.jaxrs.VerifiedWebhook;
import com.webriskops.webhooks.payload.TicketExportWebhook;
import com.webriskops.webhooks.receiver.VerifiedDelivery;
import com.webriskops.webhooks.testing.RecordingHandler;
import jakarta.annotation.Priority;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/**
 * The resources (and one filter) of {@link WebhookTestApplication}: plain application code, as a user
 * would write it.
 */
public final class TestResources {
    private TestResources() {}

    /** The endpoint the conformance suite posts to: reads the entity as bytes, answers the handler's status. */
    @Path("hooks")
    public static final class Conformance {
        private final RecordingHandler handler;

        Conformance(RecordingHandler handler) {
            this.handler = handler;
        }

        @POST
        @VerifiedWebhook
        public Response receive(byte[] body, @Context SecurityContext security) {
            VerifiedDelivery<?> delivery = VerifiedDeliveries.from(security);
            int status = handler.handle(new RecordingHandler.Seen(
                    delivery.idempotencyKey(),
                    delivery.attempt(),
                    delivery.nonce(),
                    body,
                    delivery.payload(TicketExportWebhook.class).ticketExport().title()));
            return Response.status(status).build();
        }
    }

    /** Endpoints for the adapter tests beyond the conformance suite. */
    @Path("probe")
    public static final class Probes {
        private final RecordingHandler handler;
        private final Probe probe;

        Probes(RecordingHandler handler, Probe probe) {
            this.handler = handler;
            this.probe = probe;
        }

        /** The typed payload as the entity parameter, the delivery through the security context. */
        @POST
        @Path("typed")
        @VerifiedWebhook
        public Response typed(TicketExportWebhook webhook, @Context SecurityContext security) {
            VerifiedDelivery<?> delivery = VerifiedDeliveries.from(security);
            probe.record(new Probe.Call("typed", webhook, null, delivery, security.getUserPrincipal()));
            return answer(delivery, delivery.rawBody(), webhook.ticketExport().title());
        }

        /** One endpoint per tenant, each verified with its tenant's secret by a path-based resolver. */
        @POST
        @Path("tenants/{tenant}")
        @VerifiedWebhook
        public Response tenant(@PathParam("tenant") String tenant, byte[] body, @Context SecurityContext security) {
            VerifiedDelivery<?> delivery = VerifiedDeliveries.from(security);
            probe.record(new Probe.Call("tenants/" + tenant, null, body, delivery, security.getUserPrincipal()));
            return answer(
                    delivery,
                    body,
                    delivery.payload(TicketExportWebhook.class).ticketExport().title());
        }

        /** Throws an exception the runtime maps itself (a WebApplicationException with 503). */
        @POST
        @Path("unavailable")
        @VerifiedWebhook
        public Response unavailable(byte[] body, @Context SecurityContext security) {
            VerifiedDelivery<?> delivery = VerifiedDeliveries.from(security);
            probe.record(new Probe.Call("unavailable", null, body, delivery, security.getUserPrincipal()));
            throw new WebApplicationException("downstream unavailable", 503);
        }

        /**
         * The delivery from the request property, in a resource: needs {@code @Context
         * ContainerRequestContext} in a resource method, which Jersey injects and RESTEasy refuses.
         */
        @POST
        @Path("request-context")
        @VerifiedWebhook
        public Response requestContext(byte[] body, @Context ContainerRequestContext request) {
            VerifiedDelivery<?> delivery = VerifiedDeliveries.from(request);
            probe.record(new Probe.Call("request-context", null, body, delivery, null));
            return answer(
                    delivery,
                    body,
                    delivery.payload(TicketExportWebhook.class).ticketExport().title());
        }

        /** Not annotated: no verification, no delivery. */
        @POST
        @Path("open")
        @Produces(MediaType.TEXT_PLAIN)
        public String open(byte[] body, @Context SecurityContext security) {
            probe.record(new Probe.Call("open", null, body, null, security.getUserPrincipal()));
            return "open " + body.length;
        }

        private Response answer(VerifiedDelivery<?> delivery, byte[] body, String title) {
            int status = handler.handle(new RecordingHandler.Seen(
                    delivery.idempotencyKey(), delivery.attempt(), delivery.nonce(), body, title));
            return Response.status(status).build();
        }
    }

    /** Annotated at class level: every method is verified. */
    @Path("class-level")
    @VerifiedWebhook
    public static final class ClassLevel {
        private final RecordingHandler handler;

        ClassLevel(RecordingHandler handler) {
            this.handler = handler;
        }

        @POST
        public Response receive(TicketExportWebhook webhook, @Context SecurityContext security) {
            VerifiedDelivery<?> delivery = VerifiedDeliveries.from(security);
            int status = handler.handle(new RecordingHandler.Seen(
                    delivery.idempotencyKey(),
                    delivery.attempt(),
                    delivery.nonce(),
                    delivery.rawBody(),
                    webhook.ticketExport().title()));
            return Response.status(status).build();
        }
    }

    /**
     * An application filter bound to the same annotation, running after the kit's: reads the delivery
     * from the request property.
     */
    @VerifiedWebhook
    @Priority(Priorities.USER)
    public static final class PropertyReadingFilter implements ContainerRequestFilter {
        private final Probe probe;

        PropertyReadingFilter(Probe probe) {
            this.probe = probe;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            probe.filterSaw(VerifiedDeliveries.from(request));
        }
    }
}
