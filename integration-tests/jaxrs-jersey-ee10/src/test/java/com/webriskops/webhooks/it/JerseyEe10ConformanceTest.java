package com.webriskops.webhooks.it;

import com.webriskops.webhooks.jaxrs.testing.JaxrsConformanceSuite;
import com.webriskops.webhooks.jaxrs.testing.JaxrsServer;

/** The receiver conformance suite on Jersey 3.1 (EE 10), JDK HTTP server. */
class JerseyEe10ConformanceTest extends JaxrsConformanceSuite {
    @Override
    protected JaxrsServer server() {
        return JaxrsServer.seBootstrap();
    }
}
