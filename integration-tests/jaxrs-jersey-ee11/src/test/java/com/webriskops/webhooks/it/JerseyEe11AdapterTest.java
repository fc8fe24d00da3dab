package com.webriskops.webhooks.it;

import com.webriskops.webhooks.jaxrs.testing.JaxrsAdapterSuite;

/** The JAX-RS adapter's own behaviour on Jersey 4.0 (EE 11), JDK HTTP server. */
class JerseyEe11AdapterTest extends JaxrsAdapterSuite {
    @Override
    protected boolean injectsContainerRequestContextIntoResources() {
        return true;
    }
}
