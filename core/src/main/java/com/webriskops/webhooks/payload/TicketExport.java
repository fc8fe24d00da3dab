package com.webriskops.webhooks.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.webriskops.webhooks.internal.Immutables;
import jakarta.annotation.Nullable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The provider-neutral ticket ({@code ticket-export.v1}): what downstream tools turn into their own
 * task. Lists are never null (an absent list reads as empty) and cannot be modified.
 *
 * @param contractVersion {@code ticket-export.v1}
 * @param source the finding or fix task the ticket comes from
 * @param title the ticket title
 * @param summary the ticket summary
 * @param businessImpact why it matters, or null
 * @param reproductionSteps how to reproduce, in order
 * @param evidenceLinks evidence-safe links
 * @param remediationSnippet a suggested fix, or null
 * @param acceptanceCriteria when the ticket is done
 * @param labels labels for the downstream tool
 * @param priority the requested priority, or null
 * @param assignee the requested assignee, or null
 * @param externalTicketRefs references to tickets already made elsewhere, kept as JSON
 * @param exportStatus the export's state at WebRiskOps, such as {@code draft}, or null
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TicketExport(
        @NotNull @Size(max = 64) String contractVersion,
        @NotNull @Valid TicketSource source,
        @NotBlank @Size(max = 500) String title,
        @NotNull @Size(max = 20_000) String summary,
        @Nullable @Size(max = 20_000) String businessImpact,
        @Size(max = 100) List<@NotNull @Size(max = 2_000) String> reproductionSteps,
        @Size(max = 100) List<@NotNull @Valid EvidenceLink> evidenceLinks,
        @Nullable @Size(max = 20_000) String remediationSnippet,
        @Size(max = 100) List<@NotNull @Valid AcceptanceCriterion> acceptanceCriteria,
        @Size(max = 50) List<@NotNull @Size(max = 100) String> labels,
        @Nullable @Size(max = 32) String priority,
        @Nullable @Size(max = 255) String assignee,
        @Size(max = 50) List<@NotNull JsonNode> externalTicketRefs,
        @Nullable @Size(max = 32) String exportStatus) {

    public TicketExport {
        reproductionSteps = Immutables.list(reproductionSteps);
        evidenceLinks = Immutables.list(evidenceLinks);
        acceptanceCriteria = Immutables.list(acceptanceCriteria);
        labels = Immutables.list(labels);
        externalTicketRefs = Immutables.list(externalTicketRefs);
    }
}
