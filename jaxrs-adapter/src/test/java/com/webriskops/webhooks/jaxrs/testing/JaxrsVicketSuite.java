package com.webriskops.webhooks.jaxrs.testing;

import com.webriskops.webhooks.jaxrs.VerifiedDeliveries;
import com.webriskops.webhooks.jaxrs.VerifiedWebhook;
import com.webriskops.webhooks.jaxrs.WebRiskOpsWebhookFeature;
import com.webriskops.webhooks.receiver.VerifiedDelivery;
import com.webriskops.webhooks.testing.HttpEndpoint;
import com.webriskops.webhooks.testing.ReceiverHarness;
import com.webriskops.webhooks.testing.RecordingHandler;
import com.webriskops.webhooks.testing.VicketConformanceSuite;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Map;
import java.util.Set;

/**
 * Core's Vicket conformance suite over real HTTP through the unchanged JAX-RS adapter: {@code
 * WebRiskOpsWebhookFeature.of(receiver)} with a receiver built for the Vicket scheme, and a resource
 * that reads the verified delivery like application code would. Each runtime's module subclasses it
 * and says how to start its server.
 */
public abstract class JaxrsVicketSuite extends VicketConformanceSuite {
    /** How this runtime starts a server. */
    protected abstract JaxrsServer server();

    @Override
    protected ReceiverHarness harness() {
        return (receiver, handler) -> {
            JaxrsServer.Running running =
                    server().start(new VicketApplication(WebRiskOpsWebhookFeature.of(receiver), handler));
            return new HttpEndpoint(running.baseUri().resolve("vicket"), running.stop());
        };
    }

    /** Plain application code, as a user would write it. */
    @Path("vicket")
    public static final class VicketResource {
        private final RecordingHandler handler;

        VicketResource(RecordingHandler handler) {
            this.handler = handler;
        }

        @POST
        @VerifiedWebhook
        public Response receive(byte[] body, @Context SecurityContext security) {
            VerifiedDelivery<?> delivery = VerifiedDeliveries.from(security);
            return Response.status(handler.handle(seen(delivery, body))).build();
        }
    }

    static final class VicketApplication extends Application {
        private final Set<Object> singletons;

        VicketApplication(WebRiskOpsWebhookFeature feature, RecordingHandler handler) {
            this.singletons = Set.of(feature, new VicketResource(handler));
        }

        @Override
        @SuppressWarnings("deprecation") // the standard way to hand JAX-RS configured instances
        public Set<Object> getSingletons() {
            return singletons;
        }

        @Override
        public Map<String, Object> getProperties() {
            return Map.of("jersey.config.server.wadl.disableWadl", true);
        }
    }
}
