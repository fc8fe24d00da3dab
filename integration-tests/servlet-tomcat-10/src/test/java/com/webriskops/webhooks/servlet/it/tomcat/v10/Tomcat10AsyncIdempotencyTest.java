package com.webriskops.webhooks.servlet.it.tomcat.v10;

import com.webriskops.webhooks.servlet.testing.ServletIdempotencyHarness;
import com.webriskops.webhooks.testing.IdempotencyConformanceSuite;
import com.webriskops.webhooks.testing.IdempotencyHarness;

/** The idempotency suite on Tomcat 10.1 with a servlet that answers asynchronously. */
class Tomcat10AsyncIdempotencyTest extends IdempotencyConformanceSuite {
    @Override
    protected IdempotencyHarness harness() {
        return new ServletIdempotencyHarness(new Tomcat10Container(), true);
    }
}
