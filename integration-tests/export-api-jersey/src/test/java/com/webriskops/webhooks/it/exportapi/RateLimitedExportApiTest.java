package com.webriskops.webhooks.it.exportapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.webriskops.webhooks.jaxrs.api.BearerTokenAuthoriser;
import com.webriskops.webhooks.jaxrs.api.TicketExportApiFeature;
import com.webriskops.webhooks.jaxrs.testing.JaxrsServer;
import com.webriskops.webhooks.jaxrs.testing.SingletonApplication;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.sender.spi.CredentialStore;
import com.webriskops.webhooks.sender.spi.DeliveryStore;
import com.webriskops.webhooks.sender.spi.TargetStore;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The API's optional rate limit, per authorised caller, over real HTTP on Jersey. */
class RateLimitedExportApiTest {
    private static final String TOKEN = "automation-token-0123456789abcdef";
    private static final String OTHER_TOKEN = "dashboard-token-0123456789abcdef";

    private final HttpClient client = HttpClient.newHttpClient();
    private JaxrsServer.Running server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop().close();
        }
    }

    @Test
    void callsBeyondTheLimitGet429RateLimitedWithRetryAfterPerCaller() throws Exception {
        TicketExportApiFeature feature = TicketExportApiFeature.builder()
                .targetStore(TargetStore.inMemory())
                .credentials(CredentialStore.inMemory())
                .preparedExports((owner, id) -> null)
                .deliveryStore(DeliveryStore.inMemory())
                .authoriser(BearerTokenAuthoriser.builder()
                        .token(TOKEN, "automation")
                        .token(OTHER_TOKEN, "dashboard")
                        .build())
                .rateLimit(2, Duration.ofHours(1))
                .build();
        server = JaxrsServer.seBootstrap().start(new SingletonApplication(feature));

        assertThat(list(TOKEN).statusCode()).isEqualTo(200);
        assertThat(list(TOKEN).statusCode()).isEqualTo(200);
        HttpResponse<String> limited = list(TOKEN);
        HttpResponse<String> otherCaller = list(OTHER_TOKEN);

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(WebhookJson.mapper().readTree(limited.body()).get("code").asText())
                .isEqualTo("RATE_LIMITED");
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow()))
                .isBetween(1L, 1800L);
        assertThat(otherCaller.statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> list(String token) throws Exception {
        return client.send(
                HttpRequest.newBuilder(server.baseUri().resolve("api/ticket-export-targets"))
                        .header("Authorization", "Bearer " + token)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
