package com.webriskops.webhooks.payload;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The provider keys a ticket-export webhook target may have. */
public enum ProviderKey {
    @JsonProperty("generic_webhook")
    GENERIC_WEBHOOK("generic_webhook"),
    @JsonProperty("webhook")
    WEBHOOK("webhook"),
    @JsonProperty("zapier_webhook")
    ZAPIER_WEBHOOK("zapier_webhook"),
    @JsonProperty("make_webhook")
    MAKE_WEBHOOK("make_webhook"),
    @JsonProperty("n8n_webhook")
    N8N_WEBHOOK("n8n_webhook");

    private final String wireName;

    ProviderKey(String wireName) {
        this.wireName = wireName;
    }

    /** The value as written on the wire, such as {@code generic_webhook}. */
    public String wireName() {
        return wireName;
    }
}
