package com.webriskops.webhooks.servlet.it.tomcat;

import com.webriskops.webhooks.servlet.testing.ServletReceiverHarness;
import com.webriskops.webhooks.testing.ReceiverConformanceSuite;
import com.webriskops.webhooks.testing.ReceiverHarness;

/** Core's receiver conformance suite, for every scheme, through the servlet filter on embedded Tomcat. */
class TomcatReceiverConformanceTest extends ReceiverConformanceSuite {
    @Override
    protected ReceiverHarness harness() {
        return new ServletReceiverHarness(new TomcatContainer());
    }
}
