package com.webriskops.webhooks.servlet.it.jetty.ee11;

import com.webriskops.webhooks.servlet.testing.ServletAdapterSuite;
import com.webriskops.webhooks.servlet.testing.ServletContainerUnderTest;

/** The servlet adapter's own checks (entity re-reads, async servlets, exact rejections) on embedded Jetty 12 ee11. */
class JettyEe11ServletAdapterTest extends ServletAdapterSuite {
    @Override
    protected ServletContainerUnderTest container() {
        return new JettyEe11Container();
    }
}
