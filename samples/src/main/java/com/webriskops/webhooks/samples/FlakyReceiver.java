package com.webriskops.webhooks.samples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The demo's deliberately unreliable receiver, on the JDK's HTTP server: {@code /flaky} answers 429
 * with {@code Retry-After: 1} to its first request and 200 afterwards; {@code /down} always answers
 * 503; {@code /capture} answers 200 and keeps the request's signed headers and body, as someone
 * listening on the wire would. It counts every request it gets.
 */
final class FlakyReceiver implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger flakyHits = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile Captured captured;

    /** A request as {@code /capture} kept it: the signature, idempotency and content headers, and the body. */
    record Captured(Map<String, String> headers, byte[] body) {}

    private FlakyReceiver(HttpServer server) {
        this.server = server;
    }

    static FlakyReceiver start() throws IOException {
        return start(1);
    }

    /** Like {@link #start()}, its first {@code /flaky} answer asking for {@code retryAfterSeconds}. */
    static FlakyReceiver start(int retryAfterSeconds) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        FlakyReceiver flaky = new FlakyReceiver(server);
        server.createContext("/flaky", exchange -> {
            if (flaky.flakyHits.incrementAndGet() == 1) {
                exchange.getResponseHeaders().set("Retry-After", Integer.toString(retryAfterSeconds));
                flaky.answer(exchange, 429, "{\"status\":\"slow down\"}");
            } else {
                flaky.answer(exchange, 200, "{\"status\":\"received\"}");
            }
        });
        server.createContext("/capture", exchange -> {
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                if (lower.startsWith("x-webriskops-")
                        || lower.equals("idempotency-key")
                        || lower.equals("content-type")) {
                    headers.put(name, values.get(0));
                }
            });
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            flaky.captured = new Captured(headers, body);
            flaky.answer(exchange, 200, "{\"status\":\"received\"}");
        });
        server.createContext("/down", exchange -> flaky.answer(exchange, 503, "{\"status\":\"down for maintenance\"}"));
        server.start();
        return flaky;
    }

    private void answer(HttpExchange exchange, int status, String body) throws IOException {
        requests.incrementAndGet();
        try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** The last request {@code /capture} got, or null. */
    Captured captured() {
        return captured;
    }

    /** Requests answered so far, on every path. */
    int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
