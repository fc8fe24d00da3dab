package com.webriskops.webhooks.jdbi;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.webriskops.webhooks.payload.TicketExportWebhook;
import com.webriskops.webhooks.protocol.WebhookHeaders;
import com.webriskops.webhooks.receiver.HttpAnswer;
import com.webriskops.webhooks.receiver.InboundRequest;
import com.webriskops.webhooks.receiver.ReceiveResult;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.sender.target.ExportTarget;
import com.webriskops.webhooks.sender.target.ExportTarget.DeploymentMode;
import com.webriskops.webhooks.sender.target.ExportTarget.PrivateNetworkPolicy;
import com.webriskops.webhooks.store.InMemoryIdempotencyStore;
import com.webriskops.webhooks.store.InMemoryReplayStore;
import com.webriskops.webhooks.testing.TestDeliveries;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The kit's {@link WebhookReceiver} behind a JDK {@link HttpServer} on loopback: counts every HTTP
 * request by idempotency key (what the sender sent) and every accepted delivery (what the receiver let
 * through), so tests see duplicates the receiver absorbed as well as ones it would not.
 */
final class CountingReceiver implements AutoCloseable {
    static final long TARGET_ID = 77;

    final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
    final AtomicInteger total = new AtomicInteger();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(16);
    private final WebhookReceiver<TicketExportWebhook> receiver = WebhookReceiver.builder()
            .secrets(TestDeliveries.SECRET)
            .replayStore(new InMemoryReplayStore())
            .idempotencyStore(new InMemoryIdempotencyStore())
            .build();
    private final long delayMillis;

    /** Starts on an ephemeral loopback port; each request takes at least {@code delayMillis}. */
    CountingReceiver(long delayMillis) throws IOException {
        this.delayMillis = delayMillis;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/hook", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** A self-hosted target allowed to reach 127.0.0.1 over plain HTTP, signing with the test secret. */
    static ExportTarget target(String url) {
        return ExportTarget.builder()
                .id(TARGET_ID)
                .baseUrl(url)
                .deploymentMode(DeploymentMode.SELF_HOSTED)
                .privateNetworkPolicy(PrivateNetworkPolicy.ALLOWLIST)
                .privateNetworkAllowlist("127.0.0.1/32")
                .signingSecrets(TestDeliveries.SECRET)
                .build();
    }

    /** Keys the sender sent more than once. */
    List<String> duplicates() {
        return requests.entrySet().stream()
                .filter(e -> e.getValue().get() > 1)
                .map(Map.Entry::getKey)
                .toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            InboundRequest request = InboundRequest.of(exchange.getRequestHeaders(), body);
            List<String> keys = request.headers(WebhookHeaders.IDEMPOTENCY_KEY);
            String key = keys.isEmpty() ? "(none)" : keys.get(0);
            requests.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            total.incrementAndGet();
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            ReceiveResult<TicketExportWebhook> result = receiver.receive(request);
            int status;
            byte[] answerBody = new byte[0];
            if (result instanceof ReceiveResult.Accepted<TicketExportWebhook> acceptedDelivery) {
                accepted.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                receiver.finish(acceptedDelivery.delivery(), 200);
                status = 200;
            } else {
                HttpAnswer answer = result.answer();
                status = answer.status();
                answerBody = answer.body();
                answer.headers()
                        .forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            }
            exchange.sendResponseHeaders(status, answerBody.length == 0 ? -1 : answerBody.length);
            if (answerBody.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answerBody);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
