package com.webriskops.webhooks.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The B5/B6 receiver: a JDK HTTP server on loopback that reads each body, counts it and answers 200;
 * the same endpoint serves the sender and the plain-POST limit, so the receiver's cost is equal on
 * both sides. Keeps the first request it saw so the limit can send the very same bytes.
 */
final class Sink implements AutoCloseable {
    final AtomicLong received = new AtomicLong();
    final AtomicReference<Signer.Signed> first = new AtomicReference<>();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(16);

    Sink() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        server.setExecutor(executor);
        server.createContext("/sink", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/sink";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (first.get() == null) {
                Map<String, String> headers = new LinkedHashMap<>();
                exchange.getRequestHeaders().forEach((name, values) -> {
                    if (name.toLowerCase(java.util.Locale.ROOT).startsWith("x-webriskops")
                            || name.equalsIgnoreCase("Idempotency-Key")
                            || name.equalsIgnoreCase("User-Agent")) {
                        headers.put(name, String.join(",", values));
                    }
                });
                first.compareAndSet(null, new Signer.Signed(headers, body));
            }
            received.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
