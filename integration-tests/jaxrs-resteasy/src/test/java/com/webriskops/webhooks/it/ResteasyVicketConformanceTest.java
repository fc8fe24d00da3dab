package com.webriskops.webhooks.it;

import com.webriskops.webhooks.jaxrs.testing.JaxrsServer;
import com.webriskops.webhooks.jaxrs.testing.JaxrsVicketSuite;

/** The Vicket conformance suite on RESTEasy 6.2 (EE 10) over real HTTP. */
class ResteasyVicketConformanceTest extends JaxrsVicketSuite {
    @Override
    protected JaxrsServer server() {
        return JaxrsServer.seBootstrap();
    }
}
