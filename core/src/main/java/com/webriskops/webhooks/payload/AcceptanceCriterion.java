package com.webriskops.webhooks.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import jakarta.annotation.Nullable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * One condition for the ticket to count as done.
 *
 * @param description the condition
 * @param evidenceRequired whether evidence must show it, or null
 * @param verificationHint how to check it, or null
 * @param sourceReference where it comes from, or null
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AcceptanceCriterion(
        @NotBlank @Size(max = 2_000) String description,
        @Nullable Boolean evidenceRequired,
        @Nullable @Size(max = 2_000) String verificationHint,
        @Nullable @Size(max = 2_000) String sourceReference) {}
