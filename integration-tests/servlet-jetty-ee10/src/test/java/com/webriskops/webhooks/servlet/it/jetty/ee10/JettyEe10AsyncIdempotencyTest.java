package com.webriskops.webhooks.servlet.it.jetty.ee10;

import com.webriskops.webhooks.servlet.testing.JettyEe10Container;
import com.webriskops.webhooks.servlet.testing.ServletIdempotencyHarness;
import com.webriskops.webhooks.testing.IdempotencyConformanceSuite;
import com.webriskops.webhooks.testing.IdempotencyHarness;

/** The idempotency suite on Jetty 12 ee10 with a servlet that answers asynchronously. */
class JettyEe10AsyncIdempotencyTest extends IdempotencyConformanceSuite {
    @Override
    protected IdempotencyHarness harness() {
        return new ServletIdempotencyHarness(new JettyEe10Container(), true);
    }
}
