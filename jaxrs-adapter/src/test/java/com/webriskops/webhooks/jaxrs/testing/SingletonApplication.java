package com.webriskops.webhooks.jaxrs.testing;

import jakarta.ws.rs.core.Application;
import java.util.Map;
import java.util.Set;

/**
 * An application made of configured instances (a feature holding its receiver, resources holding the
 * test's handler), the portable way to hand them to every runtime's {@code SeBootstrap}; shared with
 * the integration tests through the test-jar.
 */
public class SingletonApplication extends Application {
    private final Set<Object> singletons;

    /** An application of {@code singletons}. */
    public SingletonApplication(Object... singletons) {
        this.singletons = Set.of(singletons);
    }

    // Deprecated in JAX-RS 3.1 in favour of CDI, which the tests' runtimes do not all have.
    @Override
    @SuppressWarnings("deprecation")
    public Set<Object> getSingletons() {
        return singletons;
    }

    /** Quiets Jersey's WADL generation, which warns without JAXB; other runtimes ignore the property. */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.wadl.disableWadl", true);
    }
}
