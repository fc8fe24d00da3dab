package com.webriskops.webhooks.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.webriskops.webhooks.signing.WebhookSecret;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The calls docs/testing.md shows, compiled by the build ({@code DocumentationSnippetsTest} checks the
 * page against these regions word for word); the tests of this module run them for real.
 */
final class DocumentedUsage {
    private DocumentedUsage() {}

    static List<ConformanceTarget> options(URI uri, Clock testClock) {
        // tag::options[]
        ConformanceTarget rotating = ConformanceTarget.url(uri, "current-secret", "next-secret"); // a rotation
        ConformanceTarget vicket = ConformanceTarget.url(uri, "vicket-secret").vicket(); // Vicket deliveries
        ConformanceTarget limited = ConformanceTarget.url(uri, "my-endpoint-secret")
                .maxBodyBytes(256 * 1024) // your receiver's body limit
                .clock(testClock); // your app runs on a test clock
        // a Standard Webhooks endpoint: its whsec_ secret and one JSON event your application accepts
        ConformanceTarget standard = ConformanceTarget.standardWebhooks(
                uri,
                "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                "{\"type\":\"invoice.paid\",\"amount\":4200}".getBytes(UTF_8));
        // end::options[]
        return List.of(rotating, vicket, limited, standard);
    }

    static List<SignedDelivery> deliveries(WebhookSecret newSecret, WebhookSecret oldSecret, byte[] myEventJson) {
        // tag::deliveries[]
        WebhookSecret secret = WebhookSecret.of("my-endpoint-secret");
        SignedDelivery valid = Deliveries.webRiskOps()
                .signedWith(secret)
                .timestamp(Instant.now())
                .build();
        SignedDelivery tampered = Deliveries.webRiskOps()
                .signedWith(secret)
                .timestamp(Instant.now())
                .tampered()
                .build();
        SignedDelivery stale = Deliveries.webRiskOps()
                .signedWith(secret)
                .timestamp(Instant.now())
                .stale()
                .build();
        SignedDelivery rotated = Deliveries.webRiskOps()
                .signedWith(newSecret, oldSecret)
                .timestamp(Instant.now())
                .build();
        // a replay is the same SignedDelivery posted twice; a retry is a new delivery with the same key:
        SignedDelivery retry = Deliveries.webRiskOps()
                .idempotencyKey("export-1")
                .attempt(2)
                .signedWith(secret)
                .timestamp(Instant.now())
                .build();

        SignedDelivery vicket = Deliveries.vicket()
                .id("evt-1")
                .signedWith(secret)
                .timestamp(Instant.now())
                .build();
        SignedDelivery standard = Deliveries.standardWebhooks()
                .id("msg_1")
                .rawBody(myEventJson)
                .signedWith(Deliveries.standardWebhooksSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
                .timestamp(Instant.now())
                .build();
        // end::deliveries[]
        return List.of(valid, tampered, stale, rotated, retry, vicket, standard);
    }
}
