package com.webriskops.webhooks.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The body of a {@code ticket-export.webhook.v1} delivery: the envelope around one ticket export.
 *
 * <p>Snake_case on the wire; unknown members are ignored so newer senders stay readable. The Bean
 * Validation constraints state what a valid delivery holds; agreement with the headers is checked by
 * the receiver pipeline. Immutable.
 *
 * @param schemaVersion always {@code ticket-export.webhook.v1}
 * @param event always {@code ticket_export.requested}
 * @param idempotencyKey stable across all attempts of one export; equals the idempotency header
 * @param replayProtection the signature inputs, equal to the headers
 * @param attempt 1 for the first attempt, growing with each retry
 * @param target the WebRiskOps integration target
 * @param account the customer account and project
 * @param ticketExport the provider-neutral ticket
 * @param renderedBody the ticket body rendered for downstream tools
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TicketExportWebhook(
        @NotNull @Size(max = 64) String schemaVersion,
        @NotNull @Size(max = 64) String event,
        @NotNull @Size(min = 1, max = 255) String idempotencyKey,
        @NotNull @Valid ReplayProtection replayProtection,
        @NotNull @Min(1) @Max(1_000_000) Integer attempt,
        @NotNull @Valid TargetRef target,
        @NotNull @Valid AccountRef account,
        @NotNull @Valid TicketExport ticketExport,
        @NotNull @Valid RenderedBody renderedBody) {

    /**
     * The signature inputs, repeated in the body.
     *
     * @param timestamp equals {@code X-WebRiskOps-Timestamp}
     * @param nonce equals {@code X-WebRiskOps-Nonce}
     * @param signatureHeader names the signature header, {@code X-WebRiskOps-Signature}
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ReplayProtection(
            @NotNull @Size(max = 12) String timestamp,
            @NotNull @Size(max = 128) String nonce,
            @NotNull @Size(max = 64) String signatureHeader) {}

    /**
     * The WebRiskOps integration target the export goes to.
     *
     * @param id the target's id
     * @param providerKey which kind of endpoint the target is
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TargetRef(@NotNull Long id, @NotNull ProviderKey providerKey) {}

    /**
     * The customer account and project scope, without any account secret.
     *
     * @param id the account id
     * @param projectId the project id
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AccountRef(@NotNull Long id, @NotNull Long projectId) {}
}
