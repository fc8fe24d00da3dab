package com.webriskops.webhooks.sender;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a delivery stands. Written in snake_case ({@code retry_scheduled}) in JSON and in stores. */
public enum DeliveryStatus {
    /** Enqueued, not attempted yet (or released, or retried on request). */
    PENDING,
    /** Claimed by a dispatcher, an attempt is running. */
    SENDING,
    /** The target answered 2xx: done. */
    EXPORTED,
    /** The attempt failed in a way that may pass later; the next attempt is scheduled. */
    RETRY_SCHEDULED,
    /** The target, the payload or the answer needs a fix first; retried only on request. */
    BLOCKED,
    /** Attempts (or time) exhausted; retried only on request, the portable fallback applies. */
    FAILED;

    private static final DeliveryStatus[] VALUES = values();

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The name as written in JSON and stores, such as {@code retry_scheduled}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** True for {@link #EXPORTED}, {@link #BLOCKED} and {@link #FAILED}: nothing more happens by itself. */
    public boolean isTerminal() {
        return this == EXPORTED || this == BLOCKED || this == FAILED;
    }

    /**
     * The status for a wire name.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static DeliveryStatus fromWireName(String name) {
        for (DeliveryStatus status : VALUES) {
            if (status.wireName.equals(name)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown delivery status");
    }
}
