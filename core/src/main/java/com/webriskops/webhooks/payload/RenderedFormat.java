package com.webriskops.webhooks.payload;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Format of {@link RenderedBody#body()}. */
public enum RenderedFormat {
    @JsonProperty("markdown")
    MARKDOWN,
    @JsonProperty("text")
    TEXT,
    @JsonProperty("html")
    HTML
}
