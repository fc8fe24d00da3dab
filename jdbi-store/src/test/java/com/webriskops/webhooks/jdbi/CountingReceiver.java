package com.webriskops.webhooks.jdbi;

import com.sun.net.httpserver.Headers;
import com.webriskops.webhooks.payload.TicketExportWebhook;
import com.webriskops.webhooks.protocol.WebhookHeaders;
import com.webriskops.webhooks.receiver.HttpAnswer;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.sender.SenderFixtures;
import com.webriskops.webhooks.sender.target.ExportTarget;
import com.webriskops.webhooks.testing.LoopbackServer;
import com.webriskops.webhooks.testing.TestDeliveries;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The kit's {@link WebhookReceiver} behind a {@link LoopbackServer}: counts every HTTP
 * request by idempotency key (what the sender sent) and every accepted delivery (what the receiver let
 * through), so tests see duplicates the receiver absorbed as well as ones it would not.
 */
final class CountingReceiver implements AutoCloseable {
    static final long TARGET_ID = 77;

    final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
    final AtomicInteger total = new AtomicInteger();
    private final WebhookReceiver<TicketExportWebhook> receiver =
            WebhookReceiver.builder().secrets(TestDeliveries.SECRET).build();
    private final long delayMillis;
    private final LoopbackServer server;

    /** Starts on an ephemeral loopback port; each request takes at least {@code delayMillis}. */
    CountingReceiver(long delayMillis) throws IOException {
        this.delayMillis = delayMillis;
        server = LoopbackServer.start(16).route("/hook", this::answer);
    }

    String url() {
        return server.url("/hook");
    }

    /** A self-hosted target allowed to reach 127.0.0.1 over plain HTTP, signing with the test secret. */
    static ExportTarget target(String url) {
        return SenderFixtures.loopbackTarget(TARGET_ID, url, TestDeliveries.SECRET);
    }

    /** Keys the sender sent more than once. */
    List<String> duplicates() {
        return requests.entrySet().stream()
                .filter(e -> e.getValue().get() > 1)
                .map(Map.Entry::getKey)
                .toList();
    }

    private HttpAnswer answer(Headers headers, byte[] body) {
        String sent = headers.getFirst(WebhookHeaders.IDEMPOTENCY_KEY);
        String key = sent == null ? "(none)" : sent;
        requests.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        total.incrementAndGet();
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return LoopbackServer.verify(
                receiver,
                headers,
                body,
                LoopbackServer.status(200),
                delivery ->
                        accepted.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet());
    }

    @Override
    public void close() {
        server.close();
    }
}
