package com.webriskops.webhooks.samples.apps;

import com.webriskops.webhooks.idempotency.IdempotentRequests;
import com.webriskops.webhooks.idempotency.SharedSecretCheck;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The scanner postback {@code POST /api/scanner/results} of the examples: the shared-secret check
 * ({@code X-Scanner-Secret}), the {@code Idempotency-Key} engine in front of it, and what to do with
 * each accepted result.
 *
 * @param secretCheck the shared-secret header check (401 {@code UNAUTHORIZED} when it fails)
 * @param idempotency the {@code Idempotency-Key} engine and its store (memory or JDBI)
 * @param handler called once per accepted result, before the 202 is sent; a retry replayed from the
 *     store does not call it
 */
public record ScannerEndpoint(
        SharedSecretCheck secretCheck, IdempotentRequests idempotency, Consumer<ScannerResult> handler) {
    /** The path served. */
    public static final String PATH = "/api/scanner/results";

    /**
     * @throws NullPointerException if an argument is null
     */
    public ScannerEndpoint {
        Objects.requireNonNull(secretCheck, "secretCheck");
        Objects.requireNonNull(idempotency, "idempotency");
        Objects.requireNonNull(handler, "handler");
    }
}
