package com.webriskops.webhooks.jaxrs.testing;

import com.webriskops.webhooks.jaxrs.WebRiskOpsWebhookFeature;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.testing.RecordingHandler;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import java.util.Set;

/**
 * The application every runtime serves in the tests: the feature built from the receiver under test,
 * and the resources and filter in {@link TestResources}, all calling one {@link RecordingHandler}.
 */
public final class WebhookTestApplication extends Application {
    private final Set<Object> singletons;

    public WebhookTestApplication(WebhookReceiver<?> receiver, RecordingHandler handler, Probe probe) {
        this.singletons = Set.of(
                WebRiskOpsWebhookFeature.of(receiver),
                new TestResources.Conformance(handler),
                new TestResources.Probes(handler, probe),
                new TestResources.ClassLevel(handler),
                new TestResources.PropertyReadingFilter(probe));
    }

    // The portable way to hand instances (a feature holding its receiver, resources holding the
    // test's handler) to every runtime's SeBootstrap; deprecated in JAX-RS 3.1 in favour of CDI.
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
