package com.webriskops.webhooks.servlet.it.jetty.ee10;

import com.webriskops.webhooks.servlet.testing.JettyEe10Container;
import com.webriskops.webhooks.servlet.testing.ServletIdempotencyHarness;
import com.webriskops.webhooks.testing.IdempotencyConformanceSuite;
import com.webriskops.webhooks.testing.IdempotencyHarness;

/** Core's idempotency conformance suite through the servlet filters on embedded Jetty 12 ee10. */
class JettyEe10IdempotencyTest extends IdempotencyConformanceSuite {
    @Override
    protected IdempotencyHarness harness() {
        return new ServletIdempotencyHarness(new JettyEe10Container(), false);
    }
}
