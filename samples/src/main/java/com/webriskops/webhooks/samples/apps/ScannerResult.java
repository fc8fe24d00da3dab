package com.webriskops.webhooks.samples.apps;

import java.util.Objects;

/**
 * One scanner result accepted by {@code POST /api/scanner/results}.
 *
 * @param id the id the server generated for it, returned in the 202 body
 * @param scanRunId the body's {@code scanRunId}
 * @param status the body's {@code status}
 */
public record ScannerResult(String id, long scanRunId, String status) {
    /**
     * @throws NullPointerException if an argument is null
     */
    public ScannerResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
    }
}
