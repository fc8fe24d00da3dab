package com.webriskops.webhooks.servlet.it.tomcat.v10;

import com.webriskops.webhooks.servlet.testing.ServletContainerUnderTest;
import com.webriskops.webhooks.servlet.testing.ServletVicketSuite;

/** The Vicket conformance suite through the servlet filter on embedded Tomcat 10.1. */
class Tomcat10VicketConformanceTest extends ServletVicketSuite {
    @Override
    protected ServletContainerUnderTest container() {
        return new Tomcat10Container();
    }
}
