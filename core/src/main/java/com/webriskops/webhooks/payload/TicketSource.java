package com.webriskops.webhooks.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.webriskops.webhooks.internal.Immutables;
import jakarta.annotation.Nullable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

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
