package com.webriskops.webhooks.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.webriskops.webhooks.internal.Immutables;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The ticket body rendered for downstream tools.
 *
 * @param format the body's format
 * @param body the rendered text
 * @param sections names of the sections the body holds; never null
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RenderedBody(
        @NotNull RenderedFormat format,
        @NotNull @Size(max = 262_144) String body,
        @Size(max = 50) List<@NotNull @Size(max = 64) String> sections) {

    public RenderedBody {
        sections = Immutables.list(sections);
    }

    /** Format of {@link RenderedBody#body()}. */
    public enum RenderedFormat {
        @JsonProperty("markdown")
        MARKDOWN,
        @JsonProperty("text")
        TEXT,
        @JsonProperty("html")
        HTML
    }
}
