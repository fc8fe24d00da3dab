package com.webriskops.webhooks.it;

import com.webriskops.webhooks.jaxrs.testing.JaxrsAdapterSuite;

/** The JAX-RS adapter's own behaviour on Jersey 3.1 (EE 10), JDK HTTP server. */
class JerseyEe10AdapterTest extends JaxrsAdapterSuite {
    @Override
    protected boolean injectsContainerRequestContextIntoResources() {
        return true;
    }
}
