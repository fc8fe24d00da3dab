package com.webriskops.webhooks.servlet.testing;

import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.servlet.WebRiskOpsWebhookFilter;
import com.webriskops.webhooks.testing.HttpEndpoint;
import com.webriskops.webhooks.testing.ReceiverHarness;
import com.webriskops.webhooks.testing.RecordingHandler;
import java.util.Objects;

/**
 * Runs core's receiver conformance suite through {@link WebRiskOpsWebhookFilter} in a real servlet
 * container over real HTTP: the filter is registered from code and the application reads the entity
 * from the verified request.
 */
public final class ServletReceiverHarness implements ReceiverHarness {
    private final ServletContainerUnderTest container;

    /** A harness that starts each endpoint in {@code container}. */
    public ServletReceiverHarness(ServletContainerUnderTest container) {
        this.container = Objects.requireNonNull(container, "container");
    }

    @Override
    public Endpoint start(WebhookReceiver<?> receiver, RecordingHandler handler) throws Exception {
        ServletContainerUnderTest.Running server =
                container.start(new WebhookTestApp(new WebRiskOpsWebhookFilter(receiver), handler));
        return new HttpEndpoint(server.baseUri().resolve(WebhookTestApp.RECEIVE), server);
    }
}
