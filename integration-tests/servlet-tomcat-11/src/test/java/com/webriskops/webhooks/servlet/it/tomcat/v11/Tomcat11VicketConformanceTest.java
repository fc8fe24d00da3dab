package com.webriskops.webhooks.servlet.it.tomcat.v11;

import com.webriskops.webhooks.servlet.testing.ServletContainerUnderTest;
import com.webriskops.webhooks.servlet.testing.ServletVicketSuite;

/** The Vicket conformance suite through the servlet filter on embedded Tomcat 11. */
class Tomcat11VicketConformanceTest extends ServletVicketSuite {
    @Override
    protected ServletContainerUnderTest container() {
        return new Tomcat11Container();
    }
}
