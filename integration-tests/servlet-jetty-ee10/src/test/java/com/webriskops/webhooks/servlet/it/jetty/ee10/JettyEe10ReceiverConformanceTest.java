package com.webriskops.webhooks.servlet.it.jetty.ee10;

import com.webriskops.webhooks.servlet.testing.JettyEe10Container;
import com.webriskops.webhooks.servlet.testing.ServletReceiverHarness;
import com.webriskops.webhooks.testing.ReceiverConformanceSuite;
import com.webriskops.webhooks.testing.ReceiverHarness;

/** Core's receiver conformance suite through the servlet filter on embedded Jetty 12 ee10. */
class JettyEe10ReceiverConformanceTest extends ReceiverConformanceSuite {
    @Override
    protected ReceiverHarness harness() {
        return new ServletReceiverHarness(new JettyEe10Container());
    }
}
