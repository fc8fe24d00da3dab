package com.webriskops.webhooks.samples;

import static com.webriskops.webhooks.samples.HttpPost.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.testing.Deliveries;
import com.webriskops.webhooks.testing.SignedDelivery;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code receive} with each adapter and store, through {@link Main#run}, over real HTTP. */
class ReceiveCommandTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"jaxrs,memory", "servlet,memory", "jaxrs,h2", "servlet,h2"})
    void servesPrintsAcceptedDeliveriesAndStopsCleanly(String adapter, String store) throws Exception {
        String storeArg = store.equals("h2") ? "jdbc:h2:file:" + dir.resolve("store") : "memory";
        try (RunningCommand receive = RunningCommand.start(
                Map.of(Console.SECRET_ENV, Deliveries.SECRET_TEXT),
                "receive",
                "--port",
                "0",
                "--adapter",
                adapter,
                "--store",
                storeArg)) {
            URI endpoint = receive.listening();

            SignedDelivery request = Deliveries.webRiskOps()
                    .timestamp(Instant.now())
                    .idempotencyKey("receive-" + adapter + "-" + store)
                    .build();
            assertThat(post(endpoint, request.headers(), request.body()).status())
                    .isEqualTo(204);
            JsonNode line = WebhookJson.mapper().readTree(receive.outLine());
            assertThat(line.get("idempotency_key").asText()).isEqualTo("receive-" + adapter + "-" + store);
            assertThat(line.get("attempt").asInt()).isEqualTo(1);
            assertThat(line.get("nonce").asText()).isEqualTo(request.nonce());

            assertThat(post(endpoint, request.headers(), request.body()).status())
                    .as("replay")
                    .isEqualTo(401);
            SignedDelivery forged = Deliveries.webRiskOps()
                    .timestamp(Instant.now())
                    .signedWith(com.webriskops.webhooks.signing.WebhookSecret.of("another"))
                    .build();
            assertThat(post(endpoint, forged.headers(), forged.body()).status()).isEqualTo(401);
            assertThat(receive.outLines()).isEmpty();
        }
    }

    @ParameterizedTest
    @CsvSource({"--adapter,netty", "--port,http", "--store,postgres://x"})
    void wrongUsageExitsTwo(String option, String value) {
        Cli.Result result = Cli.run(Cli.secret("whsec_long_enough_secret"), "receive", "--port", "0", option, value);
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err().lines()).singleElement();
    }
}
