package com.webriskops.webhooks.micrometer;

import jakarta.annotation.Nullable;

/** Keeps tag values low-cardinality: codes pass only when they look like the kit's codes. */
final class Tagging {
    private static final int MAX_CODE_LENGTH = 64;

    private Tagging() {}

    /** {@code code} when it is a plain identifier of at most 64 characters, {@code other} if not, {@code none} for null. */
    static String code(@Nullable String code) {
        if (code == null || code.isEmpty()) {
            return WebhookMeterNames.NONE;
        }
        if (code.length() > MAX_CODE_LENGTH) {
            return "other";
        }
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            if (!plain) {
                return "other";
            }
        }
        return code;
    }

    /** An HTTP status as a tag: the number for 100 to 599, {@code other} otherwise. */
    static String status(int status) {
        return status >= 100 && status <= 599 ? Integer.toString(status) : "other";
    }

    /** The class of an answer's status, {@code 2xx} to {@code 5xx}, or {@code none}. */
    static String statusClass(@Nullable Integer status) {
        if (status == null) {
            return WebhookMeterNames.NONE;
        }
        return status >= 100 && status <= 599 ? (status / 100) + "xx" : "other";
    }
}
