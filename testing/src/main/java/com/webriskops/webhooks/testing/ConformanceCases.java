package com.webriskops.webhooks.testing;

import static com.webriskops.webhooks.testing.Deliveries.NOW;
import static com.webriskops.webhooks.testing.Deliveries.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.protocol.WebhookHeaders;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.signing.WebhookSecret;
import com.webriskops.webhooks.testing.ReceiverHarness.Endpoint;
import com.webriskops.webhooks.testing.ReceiverHarness.Response;
import java.io.IOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;

/**
 * What every group of receiver conformance cases starts from: one scheme, one transport, a recording
 * handler, and the assertions on answers. The groups are run by {@link ReceiverConformanceSuite}.
 */
public abstract class ConformanceCases {
    /** Body limit of the receivers under test; small so oversized bodies stay cheap. */
    protected static final int MAX_BODY = 64 * 1024;

    protected final SchemeFixture scheme;
    protected final RecordingHandler handler;
    private final ReceiverHarness harness;
    private final List<Endpoint> endpoints = new ArrayList<>();

    protected ConformanceCases(SchemeFixture scheme, ReceiverHarness harness) {
        this.scheme = Objects.requireNonNull(scheme, "scheme");
        this.harness = Objects.requireNonNull(harness, "harness");
        this.handler = new RecordingHandler(scheme);
    }

    /** The receiver configuration every test starts from: the scheme, fixed clock, one secret, 64 KiB. */
    protected WebhookReceiver.Builder<?> receiver() {
        return receiver(SECRET);
    }

    /** The same, verifying with {@code secrets}. */
    protected WebhookReceiver.Builder<?> receiver(WebhookSecret... secrets) {
        return scheme.receiver(List.of(secrets))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .maxBodyBytes(MAX_BODY);
    }

    protected Endpoint start(WebhookReceiver<?> receiver) throws Exception {
        Endpoint endpoint = harness.start(receiver, handler);
        endpoints.add(endpoint);
        return endpoint;
    }

    protected Endpoint start() throws Exception {
        return start(receiver().build());
    }

    @AfterEach
    void closeEndpoints() {
        for (Endpoint endpoint : endpoints) {
            endpoint.close();
        }
    }

    protected static Response post(Endpoint endpoint, SignedDelivery request) throws Exception {
        return endpoint.post(request.headers(), request.body());
    }

    protected static void assertProblem(Response response, int status, String code) throws IOException {
        assertThat(response.status()).as("status of %s", response.bodyText()).isEqualTo(status);
        assertThat(response.header(WebhookHeaders.CONTENT_TYPE)).startsWith("application/problem+json");
        JsonNode problem = WebhookJson.mapper().readTree(response.body());
        assertThat(problem.path("code").asText()).isEqualTo(code);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
    }

    protected static void assertDuplicate(Response response) throws IOException {
        assertThat(response.status()).isEqualTo(200);
        assertThat(WebhookJson.mapper().readTree(response.body()).path("status").asText())
                .isEqualTo("duplicate");
    }

    protected static List<String> violationFields(Response response) throws IOException {
        List<String> fields = new ArrayList<>();
        WebhookJson.mapper()
                .readTree(response.body())
                .path("violations")
                .forEach(violation -> fields.add(violation.path("field").asText()));
        return fields;
    }
}
