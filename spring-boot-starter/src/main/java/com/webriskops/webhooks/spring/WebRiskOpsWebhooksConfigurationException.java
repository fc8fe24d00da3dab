package com.webriskops.webhooks.spring;

import com.webriskops.webhooks.WebhookException;

/**
 * A {@code webriskops.webhooks.*} setting is missing or wrong, found at start-up. The message names the
 * property and never holds a secret; Spring Boot's failure analysis prints it with the fix.
 */
public final class WebRiskOpsWebhooksConfigurationException extends WebhookException {
    private static final long serialVersionUID = 1L;

    private final String property;
    private final String action;

    /**
     * @param property the property's full name, such as {@code webriskops.webhooks.receiver.secrets}
     * @param problem what is wrong, naming the property
     * @param action how to fix it
     */
    public WebRiskOpsWebhooksConfigurationException(String property, String problem, String action) {
        super(problem);
        this.property = property;
        this.action = action;
    }

    /** The property at fault, such as {@code webriskops.webhooks.receiver.secrets}. */
    public String property() {
        return property;
    }

    /** How to fix it. */
    public String action() {
        return action;
    }
}
