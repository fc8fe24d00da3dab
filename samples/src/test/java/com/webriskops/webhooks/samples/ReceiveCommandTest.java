package com.webriskops.webhooks.samples;

import static com.webriskops.webhooks.samples.HttpPost.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.testing.Deliveries;
import com.webriskops.webhooks.testing.SignedDelivery;
import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code receive} with each adapter and store, through {@link Main#run}, over real HTTP. */
class ReceiveCommandTest {
    private static final Pattern LISTENING = Pattern.compile("listening on (\\S+)");

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"jaxrs,memory", "servlet,memory", "jaxrs,h2", "servlet,h2"})
    void servesPrintsAcceptedDeliveriesAndStopsCleanly(String adapter, String store) throws Exception {
        String storeArg = store.equals("h2") ? "jdbc:h2:file:" + dir.resolve("store") : "memory";
        BlockingQueue<String> errLines = new LinkedBlockingQueue<>();
        BlockingQueue<String> outLines = new LinkedBlockingQueue<>();
        PrintStream out = Cli.lineStream(outLines);
        PrintStream err = Cli.lineStream(errLines);
        AtomicInteger exit = new AtomicInteger(-1);
        Thread receive = new Thread(() -> exit.set(Main.run(
                new String[] {"receive", "--port", "0", "--adapter", adapter, "--store", storeArg},
                Map.of(Console.SECRET_ENV, Deliveries.SECRET_TEXT),
                new ByteArrayInputStream(new byte[0]),
                out,
                err)));
        receive.start();
        try {
            String listening = errLines.poll(30, TimeUnit.SECONDS);
            assertThat(listening).as("stderr").isNotNull();
            Matcher m = LISTENING.matcher(listening);
            assertThat(m.find()).as(listening).isTrue();
            URI endpoint = URI.create(m.group(1));

            SignedDelivery request = Deliveries.webRiskOps()
                    .timestamp(Instant.now())
                    .idempotencyKey("receive-" + adapter + "-" + store)
                    .build();
            assertThat(post(endpoint, request.headers(), request.body()).status())
                    .isEqualTo(204);
            JsonNode line = WebhookJson.mapper().readTree(outLines.poll(10, TimeUnit.SECONDS));
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
            assertThat(outLines).isEmpty();
        } finally {
            receive.interrupt();
            receive.join(30_000);
        }
        assertThat(receive.isAlive()).isFalse();
        assertThat(exit.get()).isZero();
    }

    @ParameterizedTest
    @CsvSource({"--adapter,netty", "--port,http", "--store,postgres://x"})
    void wrongUsageExitsTwo(String option, String value) {
        Cli.Result result = Cli.run(Cli.secret("whsec_long_enough_secret"), "receive", "--port", "0", option, value);
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err().lines()).singleElement();
    }
}
