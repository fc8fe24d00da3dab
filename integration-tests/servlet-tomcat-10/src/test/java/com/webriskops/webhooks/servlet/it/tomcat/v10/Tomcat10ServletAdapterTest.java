package com.webriskops.webhooks.servlet.it.tomcat.v10;

import com.webriskops.webhooks.servlet.testing.ServletAdapterSuite;
import com.webriskops.webhooks.servlet.testing.ServletContainerUnderTest;

/** The servlet adapter's own checks (entity re-reads, async servlets, exact rejections) on embedded Tomcat 10.1. */
class Tomcat10ServletAdapterTest extends ServletAdapterSuite {
    @Override
    protected ServletContainerUnderTest container() {
        return new Tomcat10Container();
    }
}
