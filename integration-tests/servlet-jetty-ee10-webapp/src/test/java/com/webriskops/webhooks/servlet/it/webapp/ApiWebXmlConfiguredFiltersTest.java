package com.webriskops.webhooks.servlet.it.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.servlet.IdempotencyFilter;
import com.webriskops.webhooks.testing.HttpEndpoint;
import com.webriskops.webhooks.testing.MutableClock;
import com.webriskops.webhooks.testing.ReceiverHarness.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code SharedSecretFilter} and {@code IdempotencyFilter} configured by {@code
 * src/test/webapp-api/WEB-INF/web.xml} alone, in a Jetty 12 ee10 {@code WebAppContext}: each init-param
 * the file sets changes what a client sees.
 */
class ApiWebXmlConfiguredFiltersTest extends WebXmlSuite {
    private static final String HEADER = "X-Test-Scanner-Secret";
    private static final String BODY = "{\"scanRunId\":123,\"status\":\"completed\"}";

    ApiWebXmlConfiguredFiltersTest() {
        super("src/test/webapp-api", "api/scanner/results", "webriskops.it.scanner-secret");
    }

    private static Response post(URI uri, String header, String secret, String key, String body) throws Exception {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of("application/json"));
        headers.put(header, List.of(secret));
        headers.put("Idempotency-Key", List.of(key));
        return new HttpEndpoint(uri, () -> {}).post(headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private static String code(Response response) throws Exception {
        return WebhookJson.mapper().readTree(response.body()).path("code").asText();
    }

    @Test
    void headerNameAndSecretPropertyWithRotation() throws Exception {
        secrets("new-scanner-secret, x", "old-scanner-secret");
        URI uri = start();

        assertThat(post(uri, HEADER, "new-scanner-secret, x", "k-new", BODY).status())
                .isEqualTo(202);
        assertThat(post(uri, HEADER, "x", "k-x", BODY).status())
                .as("the value is used byte for byte, not split")
                .isEqualTo(401);
        assertThat(post(uri, HEADER, "old-scanner-secret", "k-old", BODY).status())
                .isEqualTo(202);
        Response wrong = post(uri, HEADER, "another-secret", "k-wrong", BODY);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(code(wrong)).isEqualTo("UNAUTHORIZED");
        Response defaultHeader = post(uri, "X-Scanner-Secret", "new-scanner-secret, x", "k-default", BODY);
        assertThat(defaultHeader.status())
                .as("the default header name is not read once header-name is set")
                .isEqualTo(401);
    }

    @Test
    void retryGetsTheStoredAnswerUntilKeyTtlSecondsEnds() throws Exception {
        secret("scanner-secret");
        MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
        attribute(IdempotencyFilter.CLOCK_ATTRIBUTE, clock);
        URI uri = start();

        Response first = post(uri, HEADER, "scanner-secret", "k-ttl", BODY);
        Response retry = post(uri, HEADER, "scanner-secret", "k-ttl", BODY);
        assertThat(first.status()).isEqualTo(202);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");

        clock.advance(Duration.ofMillis(999)); // key-ttl-seconds is 1
        Response beforeExpiry = post(uri, HEADER, "scanner-secret", "k-ttl", BODY);
        assertThat(beforeExpiry.body()).isEqualTo(first.body());
        assertThat(beforeExpiry.header("Idempotent-Replayed")).isEqualTo("true");

        clock.advance(Duration.ofMillis(1));
        Response afterExpiry = post(uri, HEADER, "scanner-secret", "k-ttl", BODY);
        assertThat(afterExpiry.status()).isEqualTo(202);
        assertThat(afterExpiry.body()).as("the handler ran again").isNotEqualTo(first.body());
        assertThat(afterExpiry.header("Idempotent-Replayed")).isNull();
    }

    @Test
    void answersOverMaxStoredBodyBytesAreNotStored() throws Exception {
        secret("scanner-secret");
        URI uri = start();
        URI large = URI.create(uri + "?pad=300"); // max-stored-body-bytes is 200

        Response first = post(large, HEADER, "scanner-secret", "k-large", BODY);
        Response retry = post(large, HEADER, "scanner-secret", "k-large", BODY);
        assertThat(first.status()).isEqualTo(202);
        assertThat(retry.status()).isEqualTo(202);
        assertThat(retry.body()).as("not stored: the handler ran again").isNotEqualTo(first.body());
        assertThat(retry.header("Idempotent-Replayed")).isNull();
    }

    @Test
    void requestsOverMaxRequestBodyBytesAreRefused() throws Exception {
        secret("scanner-secret");
        URI uri = start();
        String big = "{\"scanRunId\":123,\"status\":\"" + "y".repeat(300) + "\"}"; // max-request-body-bytes is 256

        Response refused = post(uri, HEADER, "scanner-secret", "k-big", big);
        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(post(uri, HEADER, "scanner-secret", "k-small", BODY).status())
                .isEqualTo(202);
    }
}
