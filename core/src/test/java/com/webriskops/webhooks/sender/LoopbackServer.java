package com.webriskops.webhooks.sender;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A real HTTP or HTTPS server on 127.0.0.1 that records every request and answers through a handler. */
public final class LoopbackServer implements AutoCloseable {
    /** A request as received: lower-cased header names, raw body. */
    public record Received(String path, Map<String, List<String>> headers, byte[] body, int remotePort) {
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }
    }

    /** An answer. */
    public record Answer(int status, Map<String, String> headers, byte[] body) {
        public static Answer of(int status) {
            return new Answer(status, Map.of(), new byte[0]);
        }
    }

    /** Decides the answer. */
    public interface Handler {
        Answer handle(Received request) throws Exception;
    }

    private static final char[] PASSWORD = "changeit".toCharArray();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Handler handler = request -> Answer.of(200);

    private LoopbackServer(HttpServer server) {
        this.server = server;
        server.createContext("/", this::exchange);
        server.setExecutor(executor);
        server.start();
    }

    public static LoopbackServer http() throws IOException {
        return new LoopbackServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
    }

    public static LoopbackServer https() throws Exception {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore(), PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        return new LoopbackServer(server);
    }

    /** An SSL context trusting only the test certificate. */
    public static SSLContext trustingTestCertificate() throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keyStore());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static KeyStore keyStore() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = LoopbackServer.class.getResourceAsStream("/sender/loopback-tls.p12")) {
            store.load(in, PASSWORD);
        }
        return store;
    }

    public LoopbackServer handler(Handler handler) {
        this.handler = handler;
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url(String path) {
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return scheme + "://127.0.0.1:" + port() + path;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void exchange(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders()
                    .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
            byte[] body = exchange.getRequestBody().readAllBytes();
            Received request = new Received(
                    exchange.getRequestURI().getPath(),
                    headers,
                    body,
                    exchange.getRemoteAddress().getPort());
            received.add(request);
            Answer answer;
            try {
                answer = handler.handle(request);
            } catch (Exception e) {
                answer = Answer.of(599);
            }
            answer.headers()
                    .forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            if (answer.body().length > 0) {
                exchange.getResponseBody().write(answer.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
