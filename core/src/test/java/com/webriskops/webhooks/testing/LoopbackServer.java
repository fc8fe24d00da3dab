package com.webriskops.webhooks.testing;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.webriskops.webhooks.receiver.HttpAnswer;
import com.webriskops.webhooks.receiver.InboundRequest;
import com.webriskops.webhooks.receiver.ReceiveResult;
import com.webriskops.webhooks.receiver.VerifiedDelivery;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * A JDK {@link HttpServer} on an ephemeral loopback port, for tests that send webhooks: each path
 * answers what its {@link Route} returns for the request, read whole; {@link #verify} answers as the
 * kit's receiver decides. Thread-safe; {@link #close()} stops the server and its threads.
 */
public final class LoopbackServer implements AutoCloseable {
    /** What a path answers for one request. */
    @FunctionalInterface
    public interface Route {
        /**
         * The answer to a request with these headers and body: its status, headers and body are sent
         * (its content type is not, as the tests' receivers have always answered).
         */
        HttpAnswer answer(Headers headers, byte[] body) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor;

    private LoopbackServer(int threads) throws IOException {
        executor = Executors.newFixedThreadPool(threads);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.start();
    }

    /** Starts a server with {@code threads} handler threads and no paths yet. */
    public static LoopbackServer start(int threads) throws IOException {
        return new LoopbackServer(threads);
    }

    /** Serves {@code path} (and below) with {@code route}; returns this server. */
    public LoopbackServer route(String path, Route route) {
        server.createContext(path, exchange -> answer(exchange, route));
        return this;
    }

    /** The URL of {@code path} on this server, such as {@code http://127.0.0.1:41234/hook}. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /**
     * Runs {@code receiver} on the request. An accepted delivery goes to {@code onAccepted}, is finished
     * with {@code accepted}'s status and answered with {@code accepted}; anything else is answered as
     * the receiver decided.
     */
    public static <P> HttpAnswer verify(
            WebhookReceiver<P> receiver,
            Headers headers,
            byte[] body,
            HttpAnswer accepted,
            Consumer<VerifiedDelivery<P>> onAccepted) {
        ReceiveResult<P> result = receiver.receive(InboundRequest.of(headers, body));
        if (result instanceof ReceiveResult.Accepted<P> ok) {
            onAccepted.accept(ok.delivery());
            receiver.finish(ok.delivery(), accepted.status());
            return accepted;
        }
        return result.answer();
    }

    /** An answer with {@code status} and nothing else. */
    public static HttpAnswer status(int status) {
        return HttpAnswer.of(status, null, Map.of(), new byte[0]);
    }

    private static void answer(HttpExchange exchange, Route route) throws IOException {
        try (exchange) {
            HttpAnswer answer = route.answer(
                    exchange.getRequestHeaders(), exchange.getRequestBody().readAllBytes());
            answer.headers()
                    .forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] body = answer.body();
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
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
