package com.webriskops.webhooks.servlet.it.webapp;

import static com.webriskops.webhooks.testing.Deliveries.SECRET_TEXT;
import static com.webriskops.webhooks.testing.Deliveries.webRiskOps;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.protocol.WebhookHeaders;
import com.webriskops.webhooks.signing.WebhookSecret;
import com.webriskops.webhooks.testing.Deliveries;
import com.webriskops.webhooks.testing.HttpEndpoint;
import com.webriskops.webhooks.testing.ReceiverHarness.Response;
import com.webriskops.webhooks.testing.SignedDelivery;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The filter configured by {@code src/test/webapp/WEB-INF/web.xml} alone, in a Jetty 12 ee10 {@code
 * WebAppContext}, with the secret in the system property the file names.
 */
class WebXmlConfiguredFilterTest extends WebXmlSuite {
    private static final String TITLE = "Café ☕ checkout 🛒";

    WebXmlConfiguredFilterTest() {
        super("src/test/webapp", "webhooks/ticket-exports", "webriskops.it.webhook-secret");
    }

    private static Response post(URI uri, SignedDelivery request) throws Exception {
        return new HttpEndpoint(uri, () -> {}).post(request.headers(), request.body());
    }

    private static Deliveries.WebRiskOpsBuilder currentDelivery() {
        return webRiskOps()
                .timestamp(Instant.now())
                .editJson(json -> json.withObjectProperty("ticket_export").put("title", TITLE));
    }

    @Test
    void validDeliveryReachesTheServletWithItsExactBytes() throws Exception {
        secret(SECRET_TEXT);
        URI uri = start();
        SignedDelivery request = currentDelivery().build();

        Response response = post(uri, request);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(request.body());
        assertThat(response.header(EchoDeliveryServlet.KEY_HEADER)).isEqualTo(request.idempotencyKey());
        assertThat(response.header(EchoDeliveryServlet.TITLE_LENGTH_HEADER))
                .isEqualTo(Integer.toString(TITLE.length()));
    }

    @Test
    void tamperedDeliveryIsRejectedWithProblemJson() throws Exception {
        secret(SECRET_TEXT);
        URI uri = start();
        byte[] signed = currentDelivery().build().body();
        byte[] tampered = new String(signed, StandardCharsets.UTF_8)
                .replace("\"high\"", "\"low\"")
                .getBytes(StandardCharsets.UTF_8);

        Response response =
                post(uri, currentDelivery().bodyAfterSigning(tampered).build());

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header(WebhookHeaders.CONTENT_TYPE)).startsWith("application/problem+json");
        JsonNode problem = WebhookJson.mapper().readTree(response.body());
        assertThat(problem.path("code").asText()).isEqualTo("WEBHOOK_SIGNATURE_INVALID");
        assertThat(response.header(EchoDeliveryServlet.KEY_HEADER)).isNull();
    }

    @Test
    void rotationAcceptsTheSecretAndThePreviousOneEachByteForByte() throws Exception {
        secrets("whsec_the_new_secret, x", "whsec_the_old_secret");
        URI uri = start();

        assertThat(post(
                                uri,
                                currentDelivery()
                                        .signedWith(WebhookSecret.of("whsec_the_old_secret"))
                                        .build())
                        .status())
                .isEqualTo(200);
        assertThat(post(
                                uri,
                                currentDelivery()
                                        .signedWith(WebhookSecret.of("whsec_the_new_secret, x"))
                                        .build())
                        .status())
                .isEqualTo(200);
        for (String notAKey : List.of("whsec_the_new_secret", " x", "x")) {
            assertThat(post(
                                    uri,
                                    currentDelivery()
                                            .signedWith(WebhookSecret.forTesting(notAKey))
                                            .build())
                            .status())
                    .as("'%s' is not a key: the value is used byte for byte", notAKey)
                    .isEqualTo(401);
        }
        assertThat(post(uri, currentDelivery().build()).status()).isEqualTo(401);
    }
}
