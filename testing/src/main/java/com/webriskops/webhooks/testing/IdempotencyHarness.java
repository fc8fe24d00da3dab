package com.webriskops.webhooks.testing;

import com.webriskops.webhooks.idempotency.IdempotentRequests;
import com.webriskops.webhooks.idempotency.SharedSecretCheck;
import jakarta.annotation.Nullable;

/**
 * Puts the scanner postback endpoint ({@value #PATH}) behind a transport: the shared-secret check
 * (when given), then the idempotency filter, then a {@link ScannerHandler}, so that one {@link
 * IdempotencyConformanceSuite} runs on every adapter over real HTTP.
 */
public interface IdempotencyHarness {
    /** The path of the endpoint under test. */
    String PATH = "/api/scanner/results";

    /** Starts the endpoint; the suite closes it after each test. */
    ReceiverHarness.Endpoint start(
            IdempotentRequests idempotency, @Nullable SharedSecretCheck secretCheck, ScannerHandler handler)
            throws Exception;
}
