package com.webriskops.webhooks.it;

import com.webriskops.webhooks.jaxrs.testing.JaxrsAdapterSuite;

/** The JAX-RS adapter's own behaviour on RESTEasy 6.2 (EE 10), Undertow. */
class ResteasyAdapterTest extends JaxrsAdapterSuite {
    @Override
    protected boolean injectsContainerRequestContextIntoResources() {
        return false;
    }
}
