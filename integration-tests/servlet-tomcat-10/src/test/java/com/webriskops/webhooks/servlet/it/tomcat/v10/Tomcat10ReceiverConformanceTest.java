package com.webriskops.webhooks.servlet.it.tomcat.v10;

import com.webriskops.webhooks.servlet.testing.ServletReceiverHarness;
import com.webriskops.webhooks.testing.ReceiverConformanceSuite;
import com.webriskops.webhooks.testing.ReceiverHarness;

/** Core's receiver conformance suite through the servlet filter on embedded Tomcat 10.1. */
class Tomcat10ReceiverConformanceTest extends ReceiverConformanceSuite {
    @Override
    protected ReceiverHarness harness() {
        return new ServletReceiverHarness(new Tomcat10Container());
    }
}
