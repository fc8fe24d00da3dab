package com.webriskops.webhooks.servlet.it.tomcat;

import com.webriskops.webhooks.servlet.testing.ServletIdempotencyHarness;
import com.webriskops.webhooks.testing.IdempotencyConformanceSuite;
import com.webriskops.webhooks.testing.IdempotencyHarness;

/** The idempotency suite on Tomcat with a servlet that answers asynchronously. */
class TomcatAsyncIdempotencyTest extends IdempotencyConformanceSuite {
    @Override
    protected IdempotencyHarness harness() {
        return new ServletIdempotencyHarness(new TomcatContainer(), true);
    }
}
