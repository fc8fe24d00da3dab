package com.webriskops.webhooks.sender;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.webriskops.webhooks.payload.RenderedBody;
import com.webriskops.webhooks.payload.TicketExport;
import com.webriskops.webhooks.protocol.WebhookProtocol;
import java.util.Objects;

/**
 * One logical export: what is sent to a target, whatever the attempt. The envelope of each attempt
 * is built from it with a fresh nonce and timestamp. Immutable; serialisable with {@link
 * com.webriskops.webhooks.payload.WebhookJson#mapper()} (snake_case), so a durable store can keep it
 * as JSON.
 *
 * @param idempotencyKey stable across every attempt of this export (1 to 255 printable ASCII
 *     characters); a good key is derived from the target and the source record, such as {@code
 *     target-123-issue-42}
 * @param accountId the customer account
 * @param projectId the customer project
 * @param ticketExport the provider-neutral ticket
 * @param renderedBody the ticket body rendered for downstream tools
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExportRequest(
        String idempotencyKey, long accountId, long projectId, TicketExport ticketExport, RenderedBody renderedBody) {

    /**
     * @throws NullPointerException if a reference is null
     * @throws IllegalArgumentException if the idempotency key is not 1 to 255 printable ASCII
     *     characters
     */
    public ExportRequest {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(ticketExport, "ticketExport");
        Objects.requireNonNull(renderedBody, "renderedBody");
        if (!WebhookProtocol.isValidIdempotencyKey(idempotencyKey)) {
            throw new IllegalArgumentException("idempotencyKey must be 1 to "
                    + WebhookProtocol.MAX_IDEMPOTENCY_KEY_LENGTH + " printable ASCII characters");
        }
    }
}
