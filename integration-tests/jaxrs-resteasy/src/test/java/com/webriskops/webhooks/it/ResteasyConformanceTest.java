package com.webriskops.webhooks.it;

import com.webriskops.webhooks.jaxrs.testing.JaxrsConformanceSuite;
import com.webriskops.webhooks.jaxrs.testing.JaxrsServer;

/** The receiver conformance suite on RESTEasy 6.2 (EE 10), Undertow. */
class ResteasyConformanceTest extends JaxrsConformanceSuite {
    @Override
    protected JaxrsServer server() {
        return JaxrsServer.seBootstrap();
    }
}
