package com.webriskops.webhooks.sender.target;

import java.util.Objects;

/**
 * Something in a payload that must not leave: the field it is in and what it looks like. Never holds
 * the offending value itself.
 *
 * @param field the JSON path of the offending member, such as {@code ticket_export.summary}
 * @param kind what was found, such as {@code jwt} or {@code private_artifact_path}
 */
public record PayloadFinding(String field, String kind) {
    public PayloadFinding {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(kind, "kind");
    }

    /** A message naming the field and the kind, for status views and logs. */
    public String message() {
        return field + " contains a " + kind.replace('_', ' ') + "; redact it before sending";
    }
}
