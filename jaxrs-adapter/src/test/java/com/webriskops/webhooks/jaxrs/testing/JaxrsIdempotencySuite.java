package com.webriskops.webhooks.jaxrs.testing;

import com.webriskops.webhooks.testing.HttpEndpoint;
import com.webriskops.webhooks.testing.IdempotencyConformanceSuite;
import com.webriskops.webhooks.testing.IdempotencyHarness;

/**
 * Core's idempotency conformance suite over real HTTP against {@code IdempotentApiFeature} in a real
 * JAX-RS runtime: each runtime's module subclasses it and says how to start its server.
 */
public abstract class JaxrsIdempotencySuite extends IdempotencyConformanceSuite {
    /**
     * How this runtime starts a server: by default through {@link JaxrsServer#seBootstrap()}, so the
     * runtime on the test module's classpath answers.
     */
    protected JaxrsServer server() {
        return JaxrsServer.seBootstrap();
    }

    @Override
    protected IdempotencyHarness harness() {
        return (idempotency, check, handler) -> {
            JaxrsServer.Running running = server().start(new IdempotencyTestApplication(idempotency, check, handler));
            return new HttpEndpoint(running.baseUri().resolve("api/scanner/results"), running.stop());
        };
    }
}
