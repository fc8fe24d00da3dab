package com.webriskops.webhooks.servlet.it.tomcat;

import com.webriskops.webhooks.servlet.testing.ServletIdempotencyHarness;
import com.webriskops.webhooks.testing.IdempotencyConformanceSuite;
import com.webriskops.webhooks.testing.IdempotencyHarness;

/** Core's idempotency conformance suite through the servlet filters on embedded Tomcat. */
class TomcatIdempotencyTest extends IdempotencyConformanceSuite {
    @Override
    protected IdempotencyHarness harness() {
        return new ServletIdempotencyHarness(new TomcatContainer(), false);
    }
}
