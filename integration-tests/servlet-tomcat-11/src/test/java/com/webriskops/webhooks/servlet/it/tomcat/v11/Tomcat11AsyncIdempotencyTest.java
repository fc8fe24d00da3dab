package com.webriskops.webhooks.servlet.it.tomcat.v11;

import com.webriskops.webhooks.servlet.testing.ServletIdempotencyHarness;
import com.webriskops.webhooks.testing.IdempotencyConformanceSuite;
import com.webriskops.webhooks.testing.IdempotencyHarness;

/** The idempotency suite on Tomcat 11 with a servlet that answers asynchronously. */
class Tomcat11AsyncIdempotencyTest extends IdempotencyConformanceSuite {
    @Override
    protected IdempotencyHarness harness() {
        return new ServletIdempotencyHarness(new Tomcat11Container(), true);
    }
}
