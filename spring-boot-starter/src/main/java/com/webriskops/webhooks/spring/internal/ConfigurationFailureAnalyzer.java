package com.webriskops.webhooks.spring.internal;

import com.webriskops.webhooks.spring.WebRiskOpsWebhooksConfigurationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints a {@code webriskops.webhooks.*} start-up failure as the problem, the property and the fix. */
public final class ConfigurationFailureAnalyzer
        extends AbstractFailureAnalyzer<WebRiskOpsWebhooksConfigurationException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, WebRiskOpsWebhooksConfigurationException cause) {
        return new FailureAnalysis(cause.getMessage() + " (property: " + cause.property() + ")", cause.action(), cause);
    }
}
