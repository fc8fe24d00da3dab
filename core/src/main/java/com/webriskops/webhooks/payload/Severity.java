package com.webriskops.webhooks.payload;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Severity of the finding a ticket export comes from. */
public enum Severity {
    @JsonProperty("critical")
    CRITICAL,
    @JsonProperty("high")
    HIGH,
    @JsonProperty("medium")
    MEDIUM,
    @JsonProperty("low")
    LOW,
    @JsonProperty("info")
    INFO
}
