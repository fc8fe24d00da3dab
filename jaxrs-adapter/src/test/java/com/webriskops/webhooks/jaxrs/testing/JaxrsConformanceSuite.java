package com.webriskops.webhooks.jaxrs.testing;

import com.webriskops.webhooks.testing.HttpEndpoint;
import com.webriskops.webhooks.testing.ReceiverConformanceSuite;
import com.webriskops.webhooks.testing.ReceiverHarness;

/**
 * The receiver conformance suite over real HTTP against {@code WebRiskOpsWebhookFeature} in a real
 * JAX-RS runtime: each runtime's module subclasses it and says how to start its server.
 */
public abstract class JaxrsConformanceSuite extends ReceiverConformanceSuite {
    /** How this runtime starts a server. */
    protected abstract JaxrsServer server();

    @Override
    protected ReceiverHarness harness() {
        return (receiver, handler) -> {
            JaxrsServer.Running running = server().start(new WebhookTestApplication(receiver, handler, new Probe()));
            return new HttpEndpoint(running.baseUri().resolve("hooks"), running.stop());
        };
    }
}
