package com.webriskops.webhooks.samples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import com.webriskops.webhooks.payload.TicketExportWebhook;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.testing.Deliveries;
import com.webriskops.webhooks.testing.SignedDelivery;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.glassfish.jersey.jdkhttp.JdkHttpHandlerContainer;
import org.glassfish.jersey.server.ContainerFactory;
import org.junit.jupiter.api.Test;

/**
 * The README's quickstarts, as written (their secret from {@code WEBRISKOPS_WEBHOOK_SECRET}, which the
 * build sets to {@link Deliveries#SECRET_TEXT}), over real HTTP: a verified delivery reaches the code, its
 * resend is answered duplicate, a replay and a forged signature are refused before it.
 */
class QuickstartsTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @Test
    void coreHandlerOnTheJdkServerKeepsTheHandlerContract() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger answer = new AtomicInteger(500);
        WebhookReceiver<TicketExportWebhook> receiver =
                WebhookReceiver.builder().secrets(Deliveries.SECRET).build();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/webhooks/webriskops", new CoreReceiverHandler(receiver, export -> {
            calls.incrementAndGet();
            return answer.get();
        }));
        server.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/webriskops");

            assertThat(post(uri, delivery("core", "n1")).statusCode()).isEqualTo(500);
            answer.set(204);
            assertThat(post(uri, delivery("core", "n2")).statusCode())
                    .as("a failed attempt was released: the retry runs the code again")
                    .isEqualTo(204);
            assertThat(calls).hasValue(2);

            assertRefusedBeforeTheCode(uri, "core");
            assertThat(calls).hasValue(2);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void jerseyApplicationReceivesOnlyVerifiedFirstTimeDeliveries() throws Exception {
        // The JDK server's own dispatcher thread, ended by stop(): no pool left behind for other tests.
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/", ContainerFactory.createContainer(JdkHttpHandlerContainer.class, new WebhooksApplication()));
        server.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/webriskops");

            assertThat(post(uri, delivery("jaxrs", "n1")).statusCode()).isEqualTo(204);
            assertRefusedBeforeTheCode(uri, "jaxrs");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void servletListenerAndServletReceiveOnlyVerifiedFirstTimeDeliveries() throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addEventListener(new WebhooksSetup());
        context.addServlet(WebhookServlet.class, "/webhooks/webriskops");
        server.setHandler(context);
        server.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/webhooks/webriskops");

            assertThat(post(uri, delivery("servlet", "n1")).statusCode()).isEqualTo(204);
            assertRefusedBeforeTheCode(uri, "servlet");
        } finally {
            server.stop();
        }
    }

    /** After {@code key} was handled: its resend, a replay and a forgery never reach the code. */
    private static void assertRefusedBeforeTheCode(URI uri, String key) throws Exception {
        HttpResponse<String> resend = post(uri, delivery(key, "resend"));
        assertThat(resend.statusCode()).isEqualTo(200);
        assertThat(resend.body()).contains("duplicate");

        assertThat(post(uri, delivery(key, "resend")).statusCode()).as("replay").isEqualTo(401);
        SignedDelivery forged = Deliveries.webRiskOps()
                .timestamp(Instant.now())
                .idempotencyKey(key + "-forged")
                .signedWith(com.webriskops.webhooks.signing.WebhookSecret.of("another-secret-of-16-bytes"))
                .build();
        HttpResponse<String> refused = post(uri, forged);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("WEBHOOK_SIGNATURE_INVALID");
    }

    private static SignedDelivery delivery(String key, String nonce) {
        return Deliveries.webRiskOps()
                .timestamp(Instant.now())
                .idempotencyKey("quickstart-" + key)
                .nonce(nonce + "-" + key)
                .build();
    }

    private static HttpResponse<String> post(URI uri, SignedDelivery delivery) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()));
        delivery.headers().forEach((name, values) -> values.forEach(value -> request.header(name, value)));
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
