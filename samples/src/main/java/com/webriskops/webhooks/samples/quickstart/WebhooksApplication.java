package com.webriskops.webhooks.samples.quickstart;

// tag::jaxrs[]
import com.webriskops.webhooks.jaxrs.VerifiedWebhook;
import com.webriskops.webhooks.jaxrs.WebRiskOpsWebhookFeature;
import com.webriskops.webhooks.payload.TicketExportWebhook;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.signing.WebhookSecret;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.glassfish.jersey.server.ResourceConfig;

// end::jaxrs[]
/** A Jersey application receiving WebRiskOps webhooks at {@code POST /webhooks/webriskops}. */
// tag::jaxrs[]
public class WebhooksApplication extends ResourceConfig {
    public WebhooksApplication() {
        register(WebRiskOpsWebhookFeature.of(WebhookReceiver.builder()
                .secrets(WebhookSecret.of(System.getenv("WEBRISKOPS_WEBHOOK_SECRET")))
                .build()));
        register(Webhooks.class);
    }

    @Path("/webhooks/webriskops")
    public static class Webhooks {
        @POST
        @VerifiedWebhook
        public Response receive(TicketExportWebhook webhook) {
            // runs only for verified, valid, first-time deliveries; 2xx completes, anything else releases;
            // key, attempt and raw bytes: VerifiedDeliveries.from(securityContext)
            return Response.noContent().build();
        }
    }
}
// end::jaxrs[]
