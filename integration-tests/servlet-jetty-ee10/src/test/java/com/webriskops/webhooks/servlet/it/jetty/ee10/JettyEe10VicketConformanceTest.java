package com.webriskops.webhooks.servlet.it.jetty.ee10;

import com.webriskops.webhooks.servlet.testing.ServletContainerUnderTest;
import com.webriskops.webhooks.servlet.testing.ServletVicketSuite;

/** The Vicket conformance suite through the servlet filter on embedded Jetty 12 ee10. */
class JettyEe10VicketConformanceTest extends ServletVicketSuite {
    @Override
    protected ServletContainerUnderTest container() {
        return new JettyEe10Container();
    }
}
