package com.webriskops.webhooks.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.webriskops.webhooks.receiver.VerifiedDelivery;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.standardwebhooks.StandardWebhooksScheme;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Standard Webhooks deliveries signed by the official Java library (com.standardwebhooks), by
 * svix-java and by the kit itself ({@code v1a}), posted over real HTTP to an adapter that serves a
 * {@link StandardWebhooksScheme} receiver. Each adapter module subclasses it and says how to serve the
 * receiver in front of {@link #handle}, as application code would (the module needs both libraries as
 * test dependencies). It posts with the JDK's own client, so core's test-jar needs nothing of the
 * testing module (which depends on core).
 */
public abstract class StandardWebhooksHttpInterop {
    protected static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    // K1 of standard-webhooks-signatures.json (made by Node's crypto from a fixed seed).
    private static final String SIGNING_KEY = "whsk_2JeG76XcD6aeIoBUE8Hqp0kTOR2HEogRnu7feDX8Nac=";
    private static final String PUBLIC_KEY = "whpk_L9KPQ8b6uuDKEaM+E/HLxp2kqdCVwD3r547194+Ye0I=";
    private static final Instant AT = Instant.ofEpochSecond(1_716_475_271L);
    private static final String BODY = "{\"type\":\"invoice.paid\",\"amount\":4200,\"note\":\"Café ☕\"}";

    /** The application's own event type. */
    public record InvoicePaid(String type, int amount) {}

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /**
     * A served receiver.
     *
     * @param uri where deliveries are posted
     * @param stop stops the server
     */
    public record Endpoint(URI uri, AutoCloseable stop) {}

    /** An HTTP answer: status, lower-case header names, body. */
    private record Response(int status, Map<String, List<String>> headers, byte[] body) {}

    private final Queue<String> seen = new ConcurrentLinkedQueue<>();
    private Endpoint endpoint;

    /** Serves {@code receiver} in front of a handler that calls {@link #handle}; returns its endpoint. */
    protected abstract Endpoint serve(WebhookReceiver<?> receiver) throws Exception;

    /** What the application's handler does with a verified delivery: records it and answers 200. */
    protected final int handle(VerifiedDelivery<?> delivery) {
        StandardWebhooksScheme.Message<?> message = delivery.payload(StandardWebhooksScheme.Message.class);
        InvoicePaid invoice = (InvoicePaid) message.payload();
        seen.add(message.id() + " " + invoice.type() + " " + invoice.amount());
        return 200;
    }

    @BeforeEach
    void start() throws Exception {
        endpoint = serve(WebhookReceiver.builder(StandardWebhooksScheme.builder(InvoicePaid.class)
                        .secret(SECRET)
                        .publicKey(PUBLIC_KEY)
                        .build())
                .clock(Clock.fixed(AT, ZoneOffset.UTC))
                .build());
    }

    @AfterEach
    void stop() throws Exception {
        endpoint.stop().close();
    }

    private Response post(Map<String, List<String>> headers, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.uri())
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, values) -> values.forEach(value -> request.header(name, value)));
        HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        Map<String, List<String>> lowerCased = new java.util.TreeMap<>();
        response.headers()
                .map()
                .forEach((name, values) -> lowerCased.put(name.toLowerCase(java.util.Locale.ROOT), values));
        return new Response(response.statusCode(), lowerCased, response.body());
    }

    private Response post(String id, Instant timestamp, String signature, String body) throws Exception {
        return post(
                Map.of(
                        "Content-Type", List.of("application/json"),
                        "webhook-id", List.of(id),
                        "webhook-timestamp", List.of(Long.toString(timestamp.getEpochSecond())),
                        "webhook-signature", List.of(signature)),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static String official(String id, Instant timestamp, String body) throws Exception {
        return new com.standardwebhooks.Webhook(SECRET).sign(id, timestamp.getEpochSecond(), body);
    }

    @Test
    void officialLibraryDeliveryIsAcceptedAndItsRetryIsADuplicate() throws Exception {
        Response first = post("msg_official", AT, official("msg_official", AT, BODY), BODY);
        Instant later = AT.plusSeconds(30);
        Response retry = post("msg_official", later, official("msg_official", later, BODY), BODY);

        assertThat(first.status()).isEqualTo(200);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(new String(retry.body(), StandardCharsets.UTF_8)).contains("duplicate");
        assertThat(seen).containsExactly("msg_official invoice.paid 4200");
    }

    @Test
    void svixDeliveryIsAccepted() throws Exception {
        String signature = new com.svix.Webhook(SECRET).sign("msg_svix", AT.getEpochSecond(), BODY);

        Response response = post("msg_svix", AT, signature, BODY);

        assertThat(response.status()).isEqualTo(200);
        assertThat(seen).containsExactly("msg_svix invoice.paid 4200");
    }

    @Test
    void kitV1aDeliveryIsAccepted() throws Exception {
        Map<String, List<String>> headers = StandardWebhooksScheme.builder()
                .signingKey(SIGNING_KEY)
                .build()
                .sign("msg_v1a", AT, BODY.getBytes(StandardCharsets.UTF_8));

        Response response = post(headers, BODY.getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).isEqualTo(200);
        assertThat(seen).containsExactly("msg_v1a invoice.paid 4200");
    }

    @Test
    void tamperedDeliveryIs401ProblemAndNotHandled() throws Exception {
        String signature = official("msg_tampered", AT, BODY);

        Response response = post("msg_tampered", AT, signature, BODY.replace("4200", "9900"));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.headers().get("content-type").get(0)).startsWith("application/problem+json");
        assertThat(new String(response.body(), StandardCharsets.UTF_8))
                .contains("WEBHOOK_SIGNATURE_INVALID")
                .doesNotContain(signature.substring(3));
        assertThat(seen).isEmpty();
    }

    @Test
    void signedBodyThatIsNotJsonIs400() throws Exception {
        String body = "{\"type\":";

        Response response = post("msg_not_json", AT, official("msg_not_json", AT, body), body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("WEBHOOK_VALIDATION_FAILED");
        assertThat(seen).isEmpty();
    }
}
