package com.webriskops.webhooks.jaxrs.api;

import com.webriskops.webhooks.sender.ExportRequest;
import jakarta.annotation.Nullable;

/**
 * The exports an application has prepared for approval (a report finding or fix task rendered as a
 * ticket): the ticket-export API approves, shows and retries them, but never authors them. The
 * application implements it over its own records. The returned {@link ExportRequest}'s idempotency
 * key identifies the export's delivery, so it must be the same on every call for one export id, and
 * unique across owners (a delivery belongs to the owner that approved it).
 * Implementations must be thread-safe.
 */
@FunctionalInterface
public interface PreparedExports {
    /**
     * The prepared export with this id when {@code owner} may approve it, or null when there is none
     * or it belongs to another owner (the API then answers 404 exactly as for an unknown id).
     *
     * @param owner the calling owner, as the feature's {@link OwnerResolver} named it
     * @param exportId the id from the API path, 1 to 128 characters of {@code A-Z a-z 0-9 _ . -}
     * @throws com.webriskops.webhooks.store.StoreException if the application could not look it up
     */
    @Nullable
    ExportRequest find(String owner, String exportId);
}
