package com.webriskops.webhooks.servlet.it.tomcat.v11;

import com.webriskops.webhooks.servlet.testing.ServletIdempotencyHarness;
import com.webriskops.webhooks.testing.IdempotencyConformanceSuite;
import com.webriskops.webhooks.testing.IdempotencyHarness;

/** Core's idempotency conformance suite through the servlet filters on embedded Tomcat 11. */
class Tomcat11IdempotencyTest extends IdempotencyConformanceSuite {
    @Override
    protected IdempotencyHarness harness() {
        return new ServletIdempotencyHarness(new Tomcat11Container(), false);
    }
}
