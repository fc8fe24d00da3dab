package com.webriskops.webhooks.sender.target;

import java.util.Locale;

/** Where a target's receiver runs; only {@link #SELF_HOSTED} may open private networks. */
public enum DeploymentMode {
    /** A public SaaS hook (Zapier, Make, n8n cloud, a public HTTPS receiver). */
    CLOUD("cloud"),
    /** A customer-approved endpoint inside the customer's network. */
    SELF_HOSTED("self-hosted"),
    /** A public webhook-only target. */
    WEBHOOK_ONLY("webhook-only");

    private final String wireName;

    DeploymentMode(String wireName) {
        this.wireName = wireName;
    }

    /** The value as written in APIs and configuration, such as {@code self-hosted}. */
    public String wireName() {
        return wireName;
    }

    /**
     * The mode for a wire name.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static DeploymentMode fromWireName(String name) {
        for (DeploymentMode mode : values()) {
            if (mode.wireName.equals(name.toLowerCase(Locale.ROOT))) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown deployment_mode; expected cloud, self-hosted or webhook-only");
    }
}
