package com.webriskops.webhooks.jaxrs.testing;

import com.webriskops.webhooks.testing.HttpEndpoint;
import com.webriskops.webhooks.testing.ReceiverConformanceSuite;
import com.webriskops.webhooks.testing.ReceiverHarness;

/**
 * The receiver conformance suite, for every scheme, over real HTTP against {@code
 * WebRiskOpsWebhookFeature.of(receiver)} in a real JAX-RS runtime: each runtime's module subclasses it.
 */
public abstract class JaxrsConformanceSuite extends ReceiverConformanceSuite {
    /**
     * How this runtime starts a server: by default through {@link JaxrsServer#seBootstrap()}, so the
     * runtime on the test module's classpath answers.
     */
    protected JaxrsServer server() {
        return JaxrsServer.seBootstrap();
    }

    @Override
    protected ReceiverHarness harness() {
        return (receiver, handler) -> {
            JaxrsServer.Running running = server().start(new WebhookTestApplication(receiver, handler, new Probe()));
            return new HttpEndpoint(running.baseUri().resolve("hooks"), running.stop());
        };
    }
}
