package com.webriskops.webhooks.sender.target;

import java.util.Objects;

/**
 * Something in a payload that must not leave: the field it is in and what it looks like. Never holds
 * the offending value itself, nor a member name that could be it: the field is a path of plain member
 * names, array indexes and {@code [*]} (a member whose name is not printed), so it is safe in
 * messages, logs, status views and API answers.
 *
 * @param field the JSON path of the offending member, such as {@code ticket_export.summary}, {@code
 *     ticket_export.external_ticket_refs[0][*]}, or {@code $} for the whole body
 * @param kind what was found, such as {@code jwt} or {@code private_artifact_path}
 */
public record PayloadFinding(String field, String kind) {
    /**
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code field} holds anything but member names of {@code
     *     [A-Za-z0-9_]}, dots, brackets, digits, {@code *} and {@code $}, or {@code kind} anything but
     *     {@code [a-z_]}
     */
    public PayloadFinding {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(kind, "kind");
        if (field.isEmpty() || !field.chars().allMatch(PayloadFinding::isPathChar)) {
            throw new IllegalArgumentException(
                    "field must be a path of plain member names, indexes and [*] (value not shown)");
        }
        if (kind.isEmpty() || !kind.chars().allMatch(c -> (c >= 'a' && c <= 'z') || c == '_')) {
            throw new IllegalArgumentException("kind must be lower-case letters and underscores (value not shown)");
        }
    }

    /** A message naming the field and the kind, for status views and logs. */
    public String message() {
        return field + " contains a " + kind.replace('_', ' ') + "; redact it before sending";
    }

    private static boolean isPathChar(int c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '_'
                || c == '.'
                || c == '['
                || c == ']'
                || c == '*'
                || c == '$';
    }
}
