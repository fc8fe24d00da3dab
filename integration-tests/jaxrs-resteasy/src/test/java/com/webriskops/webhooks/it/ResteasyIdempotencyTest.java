package com.webriskops.webhooks.it;

import com.webriskops.webhooks.jaxrs.testing.JaxrsIdempotencySuite;
import com.webriskops.webhooks.jaxrs.testing.JaxrsServer;

/** The idempotency conformance suite (scanner postback) on RESTEasy 6.2 (EE 10), Undertow. */
class ResteasyIdempotencyTest extends JaxrsIdempotencySuite {
    @Override
    protected JaxrsServer server() {
        return JaxrsServer.seBootstrap();
    }
}
