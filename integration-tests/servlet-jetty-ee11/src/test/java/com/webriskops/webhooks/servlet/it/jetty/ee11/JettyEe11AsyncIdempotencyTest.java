package com.webriskops.webhooks.servlet.it.jetty.ee11;

import com.webriskops.webhooks.servlet.testing.ServletIdempotencyHarness;
import com.webriskops.webhooks.testing.IdempotencyConformanceSuite;
import com.webriskops.webhooks.testing.IdempotencyHarness;

/** The idempotency suite on Jetty 12 ee11 with a servlet that answers asynchronously. */
class JettyEe11AsyncIdempotencyTest extends IdempotencyConformanceSuite {
    @Override
    protected IdempotencyHarness harness() {
        return new ServletIdempotencyHarness(new JettyEe11Container(), true);
    }
}
