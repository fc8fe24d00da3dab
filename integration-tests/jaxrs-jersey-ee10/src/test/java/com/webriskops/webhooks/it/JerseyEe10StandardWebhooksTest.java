package com.webriskops.webhooks.it;

import com.webriskops.webhooks.jaxrs.VerifiedDeliveries;
import com.webriskops.webhooks.jaxrs.VerifiedWebhook;
import com.webriskops.webhooks.jaxrs.WebRiskOpsWebhookFeature;
import com.webriskops.webhooks.jaxrs.testing.JaxrsServer;
import com.webriskops.webhooks.jaxrs.testing.SingletonApplication;
import com.webriskops.webhooks.receiver.VerifiedDelivery;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.testing.StandardWebhooksHttpInterop;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.function.ToIntFunction;

/**
 * Standard Webhooks deliveries from the official Java library, svix-java and the kit, over real HTTP
 * through the JAX-RS feature on Jersey 3.1 (EE 10).
 */
class JerseyEe10StandardWebhooksTest extends StandardWebhooksHttpInterop {
    @Override
    protected Endpoint serve(WebhookReceiver<?> receiver) throws Exception {
        JaxrsServer.Running running = JaxrsServer.seBootstrap()
                .start(new SingletonApplication(
                        WebRiskOpsWebhookFeature.of(receiver), new StandardResource(this::handle)));
        return new Endpoint(running.baseUri().resolve("webhooks/standard"), running.stop());
    }

    /** Plain application code, as a user would write it. */
    @Path("webhooks/standard")
    public static final class StandardResource {
        private final ToIntFunction<VerifiedDelivery<?>> handler;

        StandardResource(ToIntFunction<VerifiedDelivery<?>> handler) {
            this.handler = handler;
        }

        @POST
        @VerifiedWebhook
        public Response receive(@Context SecurityContext security) {
            return Response.status(handler.applyAsInt(VerifiedDeliveries.from(security)))
                    .build();
        }
    }
}
