package com.webriskops.webhooks.it;

import com.webriskops.webhooks.jaxrs.testing.JaxrsServer;
import com.webriskops.webhooks.jaxrs.testing.JaxrsVicketSuite;

/** The Vicket conformance suite on Jersey 4.0 (EE 11) over real HTTP. */
class JerseyEe11VicketConformanceTest extends JaxrsVicketSuite {
    @Override
    protected JaxrsServer server() {
        return JaxrsServer.seBootstrap();
    }
}
