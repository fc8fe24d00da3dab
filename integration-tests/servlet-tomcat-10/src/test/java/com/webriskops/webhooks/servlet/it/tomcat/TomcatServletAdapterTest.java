package com.webriskops.webhooks.servlet.it.tomcat;

import com.webriskops.webhooks.servlet.testing.ServletAdapterSuite;
import com.webriskops.webhooks.servlet.testing.ServletContainerUnderTest;

/** The servlet adapter's own checks (entity re-reads, async servlets, exact rejections) on embedded Tomcat. */
class TomcatServletAdapterTest extends ServletAdapterSuite {
    @Override
    protected ServletContainerUnderTest container() {
        return new TomcatContainer();
    }
}
