package com.webriskops.webhooks.it;

import com.webriskops.webhooks.jaxrs.testing.JaxrsConformanceSuite;
import com.webriskops.webhooks.jaxrs.testing.JaxrsServer;

/** The receiver conformance suite on Jersey 4.0 (EE 11), JDK HTTP server. */
class JerseyEe11ConformanceTest extends JaxrsConformanceSuite {
    @Override
    protected JaxrsServer server() {
        return JaxrsServer.seBootstrap();
    }
}
