package com.webriskops.webhooks.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import jakarta.annotation.Nullable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A link to evidence that is safe to hand to a downstream tool.
 *
 * @param label what the link shows
 * @param url where it is
 * @param type the kind of evidence, such as {@code report}, or null
 * @param expiresAt when the link stops working (RFC 3339), or null
 * @param attachmentAllowed whether the downstream tool may attach the content, or null
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record EvidenceLink(
        @NotBlank @Size(max = 255) String label,
        @NotBlank @Size(max = 2_048) String url,
        @Nullable @Size(max = 64) String type,
        @Nullable @Size(max = 64) String expiresAt,
        @Nullable Boolean attachmentAllowed) {}
