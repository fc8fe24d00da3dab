package com.webriskops.webhooks.it;

import com.webriskops.webhooks.jaxrs.testing.JaxrsServer;
import com.webriskops.webhooks.jaxrs.testing.JaxrsVicketSuite;

/** The Vicket conformance suite on Jersey 3.1 (EE 10) over real HTTP. */
class JerseyEe10VicketConformanceTest extends JaxrsVicketSuite {
    @Override
    protected JaxrsServer server() {
        return JaxrsServer.seBootstrap();
    }
}
