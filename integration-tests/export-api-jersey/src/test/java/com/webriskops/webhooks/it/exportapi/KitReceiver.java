package com.webriskops.webhooks.it.exportapi;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.webriskops.webhooks.payload.TicketExportWebhook;
import com.webriskops.webhooks.receiver.HttpAnswer;
import com.webriskops.webhooks.receiver.InboundRequest;
import com.webriskops.webhooks.receiver.ReceiveResult;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.store.InMemoryIdempotencyStore;
import com.webriskops.webhooks.store.InMemoryReplayStore;
import com.webriskops.webhooks.testing.Deliveries;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The kit's {@link WebhookReceiver} behind a JDK {@link HttpServer} on loopback: {@code /hook}
 * verifies with the test secret and accepts; {@code /busy} always answers 503 with {@code
 * Retry-After: 120}, so a delivery stays retry_scheduled.
 */
final class KitReceiver implements AutoCloseable {
    /** The Retry-After the busy path answers with, in seconds. */
    static final int BUSY_RETRY_AFTER = 120;

    final List<byte[]> accepted = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final WebhookReceiver<TicketExportWebhook> receiver = WebhookReceiver.builder()
            .secrets(Deliveries.SECRET)
            .replayStore(new InMemoryReplayStore())
            .idempotencyStore(new InMemoryIdempotencyStore())
            .build();

    KitReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/hook", this::receive);
        server.createContext("/busy", this::busy);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            ReceiveResult<TicketExportWebhook> result =
                    receiver.receive(InboundRequest.of(exchange.getRequestHeaders(), body));
            if (result instanceof ReceiveResult.Accepted<TicketExportWebhook> delivery) {
                accepted.add(body);
                receiver.finish(delivery.delivery(), 200);
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            HttpAnswer answer = result.answer();
            answer.headers()
                    .forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            send(exchange, answer.status(), answer.body());
        }
    }

    private void busy(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Retry-After", Integer.toString(BUSY_RETRY_AFTER));
            exchange.sendResponseHeaders(503, -1);
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
