package com.webriskops.webhooks.servlet.it.jetty.ee11;

import com.webriskops.webhooks.servlet.testing.ServletContainerUnderTest;
import com.webriskops.webhooks.servlet.testing.ServletVicketSuite;

/** The Vicket conformance suite through the servlet filter on embedded Jetty 12 ee11. */
class JettyEe11VicketConformanceTest extends ServletVicketSuite {
    @Override
    protected ServletContainerUnderTest container() {
        return new JettyEe11Container();
    }
}
