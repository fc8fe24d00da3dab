package com.webriskops.webhooks.receiver;

import java.util.Objects;

/**
 * One reason a delivery is not valid.
 *
 * @param field the body member as a path in wire names ({@code ticket_export.evidence_links[0].url}),
 *     or the header name ({@code X-WebRiskOps-Schema})
 * @param message what is wrong, without echoing the value
 */
public record Violation(String field, String message) {
    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }
}
