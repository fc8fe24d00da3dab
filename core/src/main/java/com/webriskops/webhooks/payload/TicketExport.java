package com.webriskops.webhooks.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
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

    /**
     * The report issue or fix task a ticket export comes from.
     *
     * @param type the kind of source, such as {@code report_issue}
     * @param recordId the source record's id
     * @param title the finding's title
     * @param severity the finding's severity
     * @param category the finding's category, or null
     * @param status the finding's status, or null
     * @param reportId the report's id, or null
     * @param issueId the issue's id, or null
     * @param fixTaskId the generated fix task's id, or null
     * @param fingerprint a stable fingerprint for downstream duplicate guards, or null
     * @param affectedUrl the page the finding is about, or null
     * @param relatedIssueIds related issues; never null
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TicketSource(
            @NotBlank @Size(max = 64) String type,
            @NotNull Long recordId,
            @NotNull @Size(max = 500) String title,
            @NotNull Severity severity,
            @Nullable @Size(max = 128) String category,
            @Nullable @Size(max = 64) String status,
            @Nullable Long reportId,
            @Nullable Long issueId,
            @Nullable Long fixTaskId,
            @Nullable @Size(max = 255) String fingerprint,
            @Nullable @Size(max = 2_048) String affectedUrl,
            @Size(max = 1_000) List<@NotNull Long> relatedIssueIds) {

        public TicketSource {
            relatedIssueIds = Immutables.list(relatedIssueIds);
        }
    }

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
}
