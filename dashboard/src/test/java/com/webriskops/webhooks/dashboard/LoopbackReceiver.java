package com.webriskops.webhooks.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.webriskops.webhooks.payload.TicketExportWebhook;
import com.webriskops.webhooks.receiver.HttpAnswer;
import com.webriskops.webhooks.receiver.InboundRequest;
import com.webriskops.webhooks.receiver.ReceiveResult;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.store.InMemoryIdempotencyStore;
import com.webriskops.webhooks.store.InMemoryReplayStore;
import com.webriskops.webhooks.testing.TestDeliveries;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The kit's {@link WebhookReceiver} behind a JDK {@link HttpServer} on loopback. While {@link #down}
 * it answers 503 with an HTML-looking body (which the dashboard must show as text); otherwise it
 * verifies each delivery and answers as the receiver decides.
 */
final class LoopbackReceiver implements AutoCloseable {
    volatile boolean down = true;
    final Set<String> accepted = ConcurrentHashMap.newKeySet();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final WebhookReceiver<TicketExportWebhook> receiver = WebhookReceiver.builder()
            .secrets(TestDeliveries.SECRET)
            .replayStore(new InMemoryReplayStore())
            .idempotencyStore(new InMemoryIdempotencyStore())
            .build();

    LoopbackReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/hook", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status;
            byte[] answer;
            if (down) {
                status = 503;
                answer = "<b>maintenance</b> <script>alert('snippet')</script>".getBytes(StandardCharsets.UTF_8);
            } else {
                ReceiveResult<TicketExportWebhook> result =
                        receiver.receive(InboundRequest.of(exchange.getRequestHeaders(), body));
                if (result instanceof ReceiveResult.Accepted<TicketExportWebhook> ok) {
                    accepted.add(ok.delivery().idempotencyKey());
                    receiver.finish(ok.delivery(), 200);
                    status = 200;
                    answer = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
                } else {
                    HttpAnswer refusal = result.answer();
                    status = refusal.status();
                    answer = refusal.body();
                }
            }
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
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
