package com.webriskops.webhooks.jaxrs.api;

import com.webriskops.webhooks.sender.ExportRequest;
import jakarta.annotation.Nullable;

/**
 * The exports an application has prepared for approval (a report finding or fix task rendered as a
 * ticket): the ticket-export API approves, shows and retries them, but never authors them. The
 * application implements it over its own records. The returned {@link ExportRequest}'s idempotency
 * key identifies the export's delivery, so it must be the same on every call for one export id.
 * Implementations must be thread-safe.
 */
@FunctionalInterface
public interface PreparedExports {
    /**
     * The prepared export with this id, or null when there is none (or the caller may not see it).
     *
     * @param exportId the id from the API path, 1 to 128 characters of {@code A-Z a-z 0-9 _ . -}
     * @throws com.webriskops.webhooks.store.StoreException if the application could not look it up
     */
    @Nullable
    ExportRequest find(String exportId);
}
