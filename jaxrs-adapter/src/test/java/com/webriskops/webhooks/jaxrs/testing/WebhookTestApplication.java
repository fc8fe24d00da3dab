package com.webriskops.webhooks.jaxrs.testing;

import com.webriskops.webhooks.jaxrs.WebRiskOpsWebhookFeature;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.testing.RecordingHandler;

/**
 * The application every runtime serves in the tests: the feature built from the receiver under test
 * (of any scheme), and the resources and filter in {@link TestResources}, all calling one {@link
 * RecordingHandler}.
 */
public final class WebhookTestApplication extends SingletonApplication {
    public WebhookTestApplication(WebhookReceiver<?> receiver, RecordingHandler handler, Probe probe) {
        super(
                WebRiskOpsWebhookFeature.of(receiver),
                new TestResources.Conformance(handler),
                new TestResources.Probes(handler, probe),
                new TestResources.ClassLevel(handler),
                new TestResources.PropertyReadingFilter(probe));
    }
}
