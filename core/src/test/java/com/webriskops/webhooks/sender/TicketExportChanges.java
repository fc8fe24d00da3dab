package com.webriskops.webhooks.sender;

import com.fasterxml.jackson.databind.JsonNode;
import com.webriskops.webhooks.payload.TicketExport;
import com.webriskops.webhooks.payload.TicketExport.EvidenceLink;
import java.util.List;

/**
 * The fields of a ticket export that a test replaces, to give it one hostile or leaky value; a field
 * left null keeps the original's. Not thread-safe.
 */
public final class TicketExportChanges {
    public String title;
    public String summary;
    public List<EvidenceLink> evidenceLinks;
    public List<String> labels;
    public String assignee;
    public List<JsonNode> externalTicketRefs;

    TicketExport applyTo(TicketExport t) {
        return new TicketExport(
                t.contractVersion(),
                t.source(),
                title != null ? title : t.title(),
                summary != null ? summary : t.summary(),
                t.businessImpact(),
                t.reproductionSteps(),
                evidenceLinks != null ? evidenceLinks : t.evidenceLinks(),
                t.remediationSnippet(),
                t.acceptanceCriteria(),
                labels != null ? labels : t.labels(),
                t.priority(),
                assignee != null ? assignee : t.assignee(),
                externalTicketRefs != null ? externalTicketRefs : t.externalTicketRefs(),
                t.exportStatus());
    }
}
