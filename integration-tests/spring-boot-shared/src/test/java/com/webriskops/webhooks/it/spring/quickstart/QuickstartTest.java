package com.webriskops.webhooks.it.spring.quickstart;

import static com.webriskops.webhooks.testing.Deliveries.webRiskOps;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.webriskops.webhooks.it.spring.Http;
import com.webriskops.webhooks.signing.WebhookSecret;
import com.webriskops.webhooks.testing.Deliveries;
import com.webriskops.webhooks.testing.SignedDelivery;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The quickstart application (two properties and the example controller) on Tomcat over real HTTP, memory
 * stores: the kit's answers, the idempotent scanner endpoint, and the actuator's health and metrics
 * endpoints showing the kit's figures after the traffic.
 */
@SpringBootTest(
        classes = QuickstartApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "webriskops.webhooks.receiver.secrets=" + Deliveries.SECRET_TEXT,
            "webriskops.webhooks.receiver.paths=/webhooks/*",
            "webriskops.webhooks.idempotency.shared-secrets=scanner-secret",
            "management.endpoints.web.exposure.include=health,metrics",
            "management.endpoint.health.show-details=always"
        })
class QuickstartTest {
    @LocalServerPort
    int port;

    private Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    private static Deliveries.WebRiskOpsBuilder now() {
        return webRiskOps().timestamp(Instant.now());
    }

    @Test
    void verifiedDeliveryReachesTheExampleControllerAndItsRetryIsADuplicate() {
        SignedDelivery first = now().idempotencyKey("quickstart-1").build();

        HttpResponse<String> accepted = http.post("/webhooks/webriskops", first);
        HttpResponse<String> retry =
                http.post("/webhooks/webriskops", now().idempotencyKey("quickstart-1").attempt(2).build());
        HttpResponse<String> replay = http.post("/webhooks/webriskops", first);
        HttpResponse<String> forged = http.post(
                "/webhooks/webriskops", now().signedWith(WebhookSecret.of("not-the-secret")).build());

        assertThat(accepted.statusCode()).isEqualTo(204);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(Http.json(retry.body()).path("status").asText()).isEqualTo("duplicate");
        assertThat(replay.statusCode()).isEqualTo(401);
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/problem+json"));
        assertThat(Http.json(forged.body()).path("code").asText()).isEqualTo("WEBHOOK_SIGNATURE_INVALID");
        assertThat(forged.body()).doesNotContain(Deliveries.SECRET_TEXT);
    }

    @Test
    void theApplicationsOwnConverterReadsTheVerifiedBytes() {
        AppEndpoints.RAW_SEEN.clear();

        HttpResponse<String> response =
                http.post("/webhooks/raw", now().idempotencyKey("quickstart-raw").build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(AppEndpoints.RAW_SEEN).containsExactly("quickstart-raw quickstart-raw");
    }

    @Test
    void staleDeliveryIsRefusedBeforeAnyHandlerRuns() {
        AppEndpoints.RAW_SEEN.clear();

        HttpResponse<String> stale =
                http.post("/webhooks/raw", webRiskOps().timestamp(Instant.now().minusSeconds(3600)).build());

        assertThat(stale.statusCode()).isEqualTo(401);
        assertThat(AppEndpoints.RAW_SEEN).isEmpty();
    }

    @Test
    void idempotentEndpointAnswersARetryFromTheStoreAndRefusesAnotherPayload() {
        Map<String, String> headers = Map.of(
                "Content-Type", "application/json",
                "Idempotency-Key", "scan-42",
                "X-Scanner-Secret", "scanner-secret");
        int before = AppEndpoints.SCANNER_RUNS.get();

        HttpResponse<String> first = http.post("/api/scanner/results", headers, "{\"scan\":42}");
        HttpResponse<String> retry = http.post("/api/scanner/results", headers, "{\"scan\":42}");
        HttpResponse<String> other = http.post("/api/scanner/results", headers, "{\"scan\":43}");
        HttpResponse<String> noSecret = http.post(
                "/api/scanner/results",
                Map.of("Content-Type", "application/json", "Idempotency-Key", "scan-44"),
                "{\"scan\":44}");

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(noSecret.statusCode()).isEqualTo(401);
        assertThat(AppEndpoints.SCANNER_RUNS.get() - before).isEqualTo(1);
    }

    @Test
    void actuatorShowsTheKitsHealthAndMetricsAfterTraffic() {
        http.post("/webhooks/webriskops", now().build());
        http.post("/webhooks/webriskops", now().signedWith(WebhookSecret.of("wrong")).build());

        JsonNode health = http.getJson("/actuator/health");
        JsonNode kit = health.path("components").path("webriskopsWebhooks");
        assertThat(kit.path("status").asText()).isEqualTo("UP");
        assertThat(kit.path("details").path("store").asText()).isEqualTo("memory");

        JsonNode accepted = http.getJson("/actuator/metrics/webriskops.webhooks.received?tag=outcome:accepted");
        assertThat(accepted.path("measurements").get(0).path("value").asDouble())
                .isGreaterThanOrEqualTo(1);
        JsonNode rejected = http.getJson(
                "/actuator/metrics/webriskops.webhooks.received?tag=outcome:rejected&tag=code:WEBHOOK_SIGNATURE_INVALID");
        assertThat(rejected.path("measurements").get(0).path("value").asDouble())
                .isGreaterThanOrEqualTo(1);
        JsonNode timer = http.getJson("/actuator/metrics/webriskops.webhooks.verification");
        assertThat(timer.path("measurements").get(0).path("value").asDouble()).isGreaterThanOrEqualTo(2);
        assertThat(http.getJson("/actuator/metrics").path("names").toString())
                .contains("webriskops.webhooks.duplicates", "webriskops.webhooks.replays");
    }
}
