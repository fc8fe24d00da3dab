package com.webriskops.webhooks.it.spring.sender;

import com.webriskops.webhooks.payload.TicketExportWebhook;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.webriskops.webhooks.protocol.WebhookHeaders;
import com.webriskops.webhooks.receiver.HttpAnswer;
import com.webriskops.webhooks.receiver.InboundRequest;
import com.webriskops.webhooks.receiver.ReceiveResult;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.testing.Deliveries;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver on loopback (the kit's pipeline behind the JDK HTTP server): verifies each delivery
 * and counts, per idempotency key, the POSTs that reached it and the deliveries its handler accepted.
 * From the {@code holdFrom}-th POST on, requests wait until {@link #release()}.
 */
final class LoopbackReceiver implements AutoCloseable {
    private final HttpServer server;
    private final WebhookReceiver<TicketExportWebhook> receiver =
            WebhookReceiver.builder().secrets(Deliveries.SECRET).build();
    private final AtomicInteger posts = new AtomicInteger();
    private final Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> postsPerKey = new ConcurrentHashMap<>();
    private final int holdFrom;
    private final CountDownLatch held;
    private final CountDownLatch gate = new CountDownLatch(1);

    LoopbackReceiver(int holdFrom, int expectHeld) throws IOException {
        this.holdFrom = holdFrom;
        this.held = new CountDownLatch(expectHeld);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/hook", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String sentKey = exchange.getRequestHeaders().getFirst(WebhookHeaders.IDEMPOTENCY_KEY);
            postsPerKey
                    .computeIfAbsent(String.valueOf(sentKey), k -> new AtomicInteger())
                    .incrementAndGet();
            if (posts.incrementAndGet() >= holdFrom) {
                held.countDown();
                try {
                    if (!gate.await(60, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the test never released the receiver");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    exchange.sendResponseHeaders(503, -1);
                    return;
                }
            }
            ReceiveResult<TicketExportWebhook> result = receiver.receive(InboundRequest.of(exchange.getRequestHeaders(), body));
            if (result instanceof ReceiveResult.Accepted<TicketExportWebhook> accepted) {
                String key = accepted.delivery().idempotencyKey();
                handled.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                receiver.finish(accepted.delivery(), 204);
                exchange.sendResponseHeaders(204, -1);
                return;
            }
            HttpAnswer answer = result.answer();
            exchange.sendResponseHeaders(answer.status(), -1);
        }
    }

    /** Waits until {@code expectHeld} requests are held. */
    boolean awaitHeld() throws InterruptedException {
        return held.await(60, TimeUnit.SECONDS);
    }

    void release() {
        gate.countDown();
    }

    int posts() {
        return posts.get();
    }

    /** How often the handler accepted each key. */
    Map<String, Integer> handled() {
        return copy(handled);
    }

    /** How many POSTs carried each key, whatever the receiver answered. */
    Map<String, Integer> postsPerKey() {
        return copy(postsPerKey);
    }

    private static Map<String, Integer> copy(Map<String, AtomicInteger> counts) {
        Map<String, Integer> copy = new TreeMap<>();
        counts.forEach((key, count) -> copy.put(key, count.get()));
        return copy;
    }

    @Override
    public void close() {
        gate.countDown();
        server.stop(0);
    }
}
