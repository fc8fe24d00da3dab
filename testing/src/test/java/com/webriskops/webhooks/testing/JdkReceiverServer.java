package com.webriskops.webhooks.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.webriskops.webhooks.receiver.HttpAnswer;
import com.webriskops.webhooks.receiver.InboundRequest;
import com.webriskops.webhooks.receiver.ReceiveResult;
import com.webriskops.webhooks.receiver.VerifiedDelivery;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;

/**
 * A tiny real webhook endpoint for the kit's own tests: the JDK's HTTP server on a loopback port, with
 * a minimal adapter around a {@link WebhookReceiver} (or no receiver at all, for a broken endpoint
 * that answers 200 to everything), and an application handler that counts its calls.
 */
final class JdkReceiverServer implements AutoCloseable {
    private static final int READ_LIMIT = 8 * 1024 * 1024;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final AtomicInteger handled = new AtomicInteger();

    private JdkReceiverServer(ToIntFunction<HttpExchange> serve) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/webhooks", exchange -> {
            try (exchange) {
                serve.applyAsInt(exchange);
            }
        });
        server.start();
    }

    /** An endpoint that verifies with {@code receiver} and whose handler answers 200. */
    static JdkReceiverServer verifying(WebhookReceiver<?> receiver) throws IOException {
        JdkReceiverServer[] self = new JdkReceiverServer[1];
        self[0] = new JdkReceiverServer(exchange -> self[0].receive(receiver, exchange));
        return self[0];
    }

    /** A broken endpoint: no verification, every request reaches the handler and is answered 200. */
    static JdkReceiverServer acceptingEverything() throws IOException {
        JdkReceiverServer[] self = new JdkReceiverServer[1];
        self[0] = new JdkReceiverServer(exchange -> {
            try {
                exchange.getRequestBody().readAllBytes();
                self[0].handled.incrementAndGet();
                writeReceived(exchange);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return 0;
        });
        return self[0];
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks");
    }

    /** How many deliveries reached the application handler. */
    int handled() {
        return handled.get();
    }

    private <P> int receive(WebhookReceiver<P> receiver, HttpExchange exchange) {
        try {
            Map<String, List<String>> headers = new LinkedHashMap<>(exchange.getRequestHeaders());
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(READ_LIMIT);
            }
            ReceiveResult<P> result = receiver.receive(InboundRequest.of(headers, body));
            if (result instanceof ReceiveResult.Accepted<P> accepted) {
                VerifiedDelivery<P> delivery = accepted.delivery();
                handled.incrementAndGet();
                receiver.finish(delivery, 200);
                writeReceived(exchange);
                return 200;
            }
            HttpAnswer answer = result.answer();
            write(exchange, answer.status(), answer.contentType(), answer.headers(), answer.body());
            return answer.status();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The application's answer to a delivery it took: 200 {@code {"received":true}}. */
    private static void writeReceived(HttpExchange exchange) throws IOException {
        write(exchange, 200, "application/json", Map.of(), "{\"received\":true}".getBytes(StandardCharsets.UTF_8));
    }

    private static void write(
            HttpExchange exchange, int status, String contentType, Map<String, String> headers, byte[] body)
            throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        headers.forEach(exchange.getResponseHeaders()::set);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
