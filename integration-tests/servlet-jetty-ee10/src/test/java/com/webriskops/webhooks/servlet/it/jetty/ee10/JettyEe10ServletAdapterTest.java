package com.webriskops.webhooks.servlet.it.jetty.ee10;

import com.webriskops.webhooks.servlet.testing.JettyEe10Container;
import com.webriskops.webhooks.servlet.testing.ServletAdapterSuite;
import com.webriskops.webhooks.servlet.testing.ServletContainerUnderTest;

/** The servlet adapter's own checks (entity re-reads, async servlets, exact rejections) on embedded Jetty 12 ee10. */
class JettyEe10ServletAdapterTest extends ServletAdapterSuite {
    @Override
    protected ServletContainerUnderTest container() {
        return new JettyEe10Container();
    }
}
