package com.webriskops.webhooks.servlet.it.jetty.ee11;

import com.webriskops.webhooks.servlet.testing.ServletIdempotencyHarness;
import com.webriskops.webhooks.testing.IdempotencyConformanceSuite;
import com.webriskops.webhooks.testing.IdempotencyHarness;

/** Core's idempotency conformance suite through the servlet filters on embedded Jetty 12 ee11. */
class JettyEe11IdempotencyTest extends IdempotencyConformanceSuite {
    @Override
    protected IdempotencyHarness harness() {
        return new ServletIdempotencyHarness(new JettyEe11Container(), false);
    }
}
