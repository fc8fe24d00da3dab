package com.webriskops.webhooks.testing;

import com.webriskops.webhooks.testing.ReceiverHarness.Response;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Retries as a sender does, for tests of "a failed handler leaves the key claimable again": some
 * runtimes answer 500 for a resource's exception before their response filters run, so the claim is
 * released a moment after the client has its 500. A real sender retries after a backoff; a test
 * retries at once, so it re-sends (a fresh delivery each time) while the answer is still "in
 * progress", for a bounded time.
 */
public final class Retries {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private Retries() {}

    /** Sends until the answer's status is not {@code busyStatus}, or the patience runs out. */
    public static Response whileInProgress(int busyStatus, Callable<Response> send) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        Response response = send.call();
        while (response.status() == busyStatus && System.nanoTime() < deadline) {
            Thread.sleep(25);
            response = send.call();
        }
        return response;
    }
}
