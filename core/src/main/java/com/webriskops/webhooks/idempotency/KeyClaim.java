package com.webriskops.webhooks.idempotency;

import java.util.Objects;

/**
 * The answer of {@link IdempotentResponseStore#claim}: whether this call claimed the key, and the
 * key's record as it is afterwards. When {@code claimed}, the record carries the new claim's token and
 * the fingerprint given; otherwise it is the record of the earlier request (still running, or
 * completed with its stored answer). Immutable.
 *
 * @param claimed true when this call claimed the key
 * @param record the key's record after the call
 */
public record KeyClaim(boolean claimed, IdempotencyRecord record) {
    /** @throws IllegalArgumentException if {@code claimed} but the record holds no token */
    public KeyClaim {
        Objects.requireNonNull(record, "record");
        if (claimed && record.token() == null) {
            throw new IllegalArgumentException("a won claim carries its token");
        }
    }
}
