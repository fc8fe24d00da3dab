package com.webriskops.webhooks.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.webriskops.webhooks.idempotency.Decision;
import com.webriskops.webhooks.idempotency.Decision.BodyCapture;
import com.webriskops.webhooks.idempotency.IdempotentRequests;
import com.webriskops.webhooks.idempotency.IdempotentRequests.ApiRequest;
import com.webriskops.webhooks.idempotency.SharedSecretCheck;
import com.webriskops.webhooks.receiver.HttpAnswer;
import jakarta.annotation.Nullable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The conformance suite against the engine behind the JDK's own HTTP server, with a minimal adapter
 * written here: proves the suite and the engine without any container.
 */
class JdkHttpServerIdempotencyTest extends IdempotencyConformanceSuite {
    @Override
    protected IdempotencyHarness harness() {
        return (idempotency, check, handler) -> {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            ExecutorService executor = Executors.newCachedThreadPool();
            server.setExecutor(executor);
            server.createContext(IdempotencyHarness.PATH, exchange -> {
                try (exchange) {
                    serve(exchange, idempotency, check, handler);
                }
            });
            server.start();
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + IdempotencyHarness.PATH);
            return new HttpEndpoint(uri, () -> {
                server.stop(0);
                executor.shutdownNow();
            });
        };
    }

    private static void serve(
            HttpExchange exchange,
            IdempotentRequests idempotency,
            @Nullable SharedSecretCheck check,
            ScannerHandler handler)
            throws IOException {
        if (check != null) {
            HttpAnswer refusal = check.check(exchange.getRequestHeaders().getFirst(check.headerName()));
            if (refusal != null) {
                write(exchange, refusal);
                return;
            }
        }
        Decision decision = idempotency.begin(new ExchangeRequest(exchange));
        if (decision instanceof Decision.Respond respond) {
            write(exchange, respond.answer());
            return;
        }
        byte[] body = decision instanceof Decision.Proceed proceed
                ? proceed.body()
                : exchange.getRequestBody().readAllBytes();
        ScannerHandler.Answer answer;
        try {
            answer = handler.handle(body);
        } catch (RuntimeException e) {
            if (decision instanceof Decision.Proceed proceed) {
                idempotency.abandon(proceed);
            }
            exchange.sendResponseHeaders(500, -1);
            return;
        }
        // Buffered: the answer is recorded before the client can see it, so its retry finds the key finished.
        if (decision instanceof Decision.Proceed proceed) {
            BodyCapture capture = proceed.newCapture();
            capture.write(answer.body());
            idempotency.finish(proceed, answer.status(), ScannerHandler.CONTENT_TYPE, capture);
        }
        exchange.getResponseHeaders().set("Content-Type", ScannerHandler.CONTENT_TYPE);
        exchange.sendResponseHeaders(answer.status(), answer.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer.body());
        }
    }

    private static void write(HttpExchange exchange, HttpAnswer answer) throws IOException {
        if (answer.contentType() != null) {
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        }
        answer.headers().forEach(exchange.getResponseHeaders()::set);
        exchange.sendResponseHeaders(answer.status(), answer.bodyLength() == 0 ? -1 : answer.bodyLength());
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer.body());
        }
    }

    private record ExchangeRequest(HttpExchange exchange) implements ApiRequest {
        @Override
        public String method() {
            return exchange.getRequestMethod();
        }

        @Override
        public String path() {
            return exchange.getRequestURI().getRawPath();
        }

        @Override
        public List<String> headers(String name) {
            List<String> values = exchange.getRequestHeaders().get(name);
            return values == null ? List.of() : values;
        }

        @Override
        @Nullable
        public Principal principal() {
            return exchange.getPrincipal();
        }

        @Override
        public InputStream body() {
            return exchange.getRequestBody();
        }
    }
}
