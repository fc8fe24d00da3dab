package com.webriskops.webhooks.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.receiver.VerifiedDelivery;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.samples.apps.JerseyReceiverApp;
import com.webriskops.webhooks.samples.apps.RunningServer;
import com.webriskops.webhooks.testing.Deliveries;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code serve-api} through {@link Main#run}, over real HTTP: the README's flow (create a target,
 * approve, poll until exported, fallback) against the samples' Jersey receiver on loopback.
 */
class ServeApiCommandTest {
    private static final Pattern LOCAL_TARGET = Pattern.compile("local target (\\d+) for automation: ");
    private static final String TOKEN = "serve-api-test-token-0123456789";

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void servesTheApiAndDeliversAnApprovedExport() throws Exception {
        List<VerifiedDelivery<?>> received = new CopyOnWriteArrayList<>();
        try (RunningServer receiver = JerseyReceiverApp.start(
                        WebhookReceiver.builder().secrets(Deliveries.SECRET).build(), 0, received::add);
                RunningCommand serve = RunningCommand.start(
                        Map.of(ServeApiCommand.TOKEN_ENV, TOKEN, Console.SECRET_ENV, Deliveries.SECRET_TEXT),
                        "serve-api",
                        "--port",
                        "0",
                        "--local-target",
                        receiver.endpoint().toString())) {
            // The application creates the loopback target itself and prints its id before listening.
            String local = serve.errLine();
            Matcher target = LOCAL_TARGET.matcher(local);
            assertThat(target.find()).as(local).isTrue();
            assertThat(local).contains("(signed)").doesNotContain(Deliveries.SECRET_TEXT);
            long targetId = Long.parseLong(target.group(1));
            URI api = serve.listening();

            HttpResponse<String> unauthorized = send(api.resolve("ticket-export-targets"), "GET", null, null);
            assertThat(unauthorized.statusCode()).isEqualTo(401);
            assertThat(unauthorized.body()).contains("\"UNAUTHORIZED\"");

            // A caller cannot open loopback itself.
            HttpResponse<String> refused = send(
                    api.resolve("ticket-export-targets"),
                    "POST",
                    "{\"provider_key\":\"generic_webhook\",\"base_url\":\"" + receiver.endpoint() + "\","
                            + "\"deployment_mode\":\"self-hosted\",\"name\":\"Local receiver\","
                            + "\"private_network_policy\":\"allowlist\",\"private_network_allowlist\":[\"127.0.0.1/32\"],"
                            + "\"signing_secret\":\"" + Deliveries.SECRET_TEXT + "\"}",
                    "target-example-123");
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
            assertThat(refused.body()).contains("generic_webhook_url_unsafe").doesNotContain(Deliveries.SECRET_TEXT);
            HttpResponse<String> read = send(api.resolve("ticket-export-targets/" + targetId), "GET", null, null);
            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(read.body()).contains("\"signing_status\":\"signed\"");

            HttpResponse<String> approved = send(
                    api.resolve("ticket-exports/example-export-id/approve"),
                    "POST",
                    "{\"target_id\":\"" + targetId + "\"}",
                    "approve-ticket-export-example-123");
            assertThat(approved.statusCode()).as(approved.body()).isEqualTo(202);

            JsonNode status = null;
            Instant deadline = Instant.now().plusSeconds(120);
            while (Instant.now().isBefore(deadline)) {
                status = WebhookJson.mapper()
                        .readTree(send(api.resolve("ticket-exports/example-export-id"), "GET", null, null)
                                .body());
                if (status.get("status").asText().equals("exported")) {
                    break;
                }
                Thread.sleep(100);
            }
            assertThat(status.get("status").asText()).isEqualTo("exported");
            assertThat(received)
                    .singleElement()
                    .satisfies(
                            delivery -> assertThat(delivery.idempotencyKey()).isEqualTo("serve-api-example-export-id"));

            // The operator dashboard beside the API: signed in by a form post, then by its session cookie.
            HttpClient browser = HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
            URI dashboard = api.resolve("/dashboard/");
            HttpResponse<String> anonymous =
                    browser.send(HttpRequest.newBuilder(dashboard).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(303);
            assertThat(anonymous.headers().firstValue("Location")).hasValue("/dashboard/sign-in");
            HttpResponse<String> signedIn = browser.send(
                    HttpRequest.newBuilder(dashboard.resolve("sign-in"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("token=" + TOKEN))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(signedIn.statusCode()).isEqualTo(303);
            String cookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(cookie).contains("HttpOnly", "SameSite=Strict").doesNotContain(TOKEN);
            HttpResponse<String> outbox = browser.send(
                    HttpRequest.newBuilder(dashboard)
                            .header("Cookie", cookie.split(";", 2)[0])
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(outbox.statusCode()).isEqualTo(200);
            assertThat(outbox.body())
                    .contains("Signed in as automation")
                    .contains("exported")
                    .doesNotContain(Deliveries.SECRET_TEXT);

            HttpResponse<String> csv =
                    send(api.resolve("ticket-exports/example-export-id/fallback?format=csv"), "GET", null, null);
            assertThat(csv.statusCode()).isEqualTo(200);
            assertThat(csv.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("text/csv"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a private network must be a canonical CIDR | --private-networks | 10.20.0.1/16 | --private-networks: host bits set
            a local target must be on loopback | --local-target | http://10.0.0.5/x | --local-target must be an http(s) URL on a loopback address
            """)
    void anOptionOutOfRangeIsAUsageError(String rule, String option, String value, String message) {
        Cli.Result result = serveApiOnAnyPort(Map.of(ServeApiCommand.TOKEN_ENV, TOKEN), option, value);

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains(message);
    }

    @Test
    void severalCallersEachSeeOnlyTheirOwnTargets() throws Exception {
        String alice = "alice-token-0123456789abcdef";
        String bob = "bob-token-0123456789abcdef";
        String carol = "carol-token-0123456789abcdef";
        try (RunningCommand serve = RunningCommand.start(
                Map.of(
                        ServeApiCommand.TOKENS_ENV,
                        "alice:" + alice + ", bob:" + bob + ",carol:" + carol + ":read-only"),
                "serve-api",
                "--port",
                "0",
                "--store",
                "jdbc:h2:mem:serve-api-callers;DB_CLOSE_DELAY=-1",
                "--private-networks",
                "10.20.0.0/16, 127.0.0.0/8")) {
            URI api = serve.listening();
            URI targets = api.resolve("ticket-export-targets");

            HttpResponse<String> created = send(
                    targets,
                    "POST",
                    "{\"provider_key\":\"generic_webhook\",\"base_url\":\"https://hooks.example.com/alice\","
                            + "\"deployment_mode\":\"webhook-only\",\"signing_secret\":\""
                            + Deliveries.SECRET_TEXT
                            + "\"}",
                    null,
                    alice);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            long targetId =
                    WebhookJson.mapper().readTree(created.body()).get("id").asLong();

            URI target = api.resolve("ticket-export-targets/" + targetId);
            assertThat(send(target, "GET", null, null, alice).statusCode()).isEqualTo(200);
            assertThat(send(target, "GET", null, null, bob).statusCode()).isEqualTo(404);
            assertThat(send(target, "DELETE", null, null, bob).statusCode()).isEqualTo(404);
            assertThat(send(targets, "GET", null, null, bob).body()).contains("\"targets\":[]");
            assertThat(send(target, "GET", null, null, carol).statusCode()).isEqualTo(404);
            assertThat(send(target, "DELETE", null, null, carol).statusCode()).isEqualTo(403);
            assertThat(send(target, "GET", null, null, alice).statusCode()).isEqualTo(200);

            // --private-networks opens 10.20.0.0/16 to callers; loopback stays closed although listed.
            String selfHosted = "{\"provider_key\":\"n8n_webhook\",\"base_url\":\"http://%s:5678/webhook\","
                    + "\"deployment_mode\":\"self-hosted\",\"private_network_policy\":\"allowlist\","
                    + "\"private_network_allowlist\":[\"%s\"],\"signing_enabled\":false}";
            HttpResponse<String> inside =
                    send(targets, "POST", selfHosted.formatted("10.20.0.5", "10.20.0.0/24"), null, alice);
            assertThat(inside.statusCode()).as(inside.body()).isEqualTo(201);
            HttpResponse<String> loopback =
                    send(targets, "POST", selfHosted.formatted("127.0.0.1", "127.0.0.1/32"), null, alice);
            assertThat(loopback.statusCode()).isEqualTo(422);
            assertThat(loopback.body()).contains("generic_webhook_url_unsafe");
        }
    }

    @Test
    void aMalformedCallerEntryIsAUsageErrorThatQuotesNoToken() {
        Cli.Result result = serveApiOnAnyPort(
                Map.of(ServeApiCommand.TOKENS_ENV, "alice:alice-token-0123456789abcdef,bob-token-without-a-name"));

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err())
                .contains(ServeApiCommand.TOKENS_ENV + " entry 2")
                .doesNotContain("bob-token");
    }

    @Test
    void withoutTheTokenItIsAUsageError() {
        Cli.Result result = serveApiOnAnyPort(Map.of());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains(ServeApiCommand.TOKEN_ENV);
    }

    /** {@code serve-api --port 0} with {@code options}: for the usage errors, which stop it before it serves. */
    private static Cli.Result serveApiOnAnyPort(Map<String, String> env, String... options) {
        List<String> args = new ArrayList<>(List.of("serve-api", "--port", "0"));
        args.addAll(List.of(options));
        return Cli.run(env, args.toArray(String[]::new));
    }

    private HttpResponse<String> send(URI uri, String method, String body, String idempotencyKey) throws Exception {
        return send(uri, method, body, idempotencyKey, TOKEN);
    }

    private HttpResponse<String> send(URI uri, String method, String body, String idempotencyKey, String token)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Accept", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
            request.header("Authorization", "Bearer " + token);
        } else if (!token.equals(TOKEN) || !uri.getPath().endsWith("ticket-export-targets")) {
            request.header("Authorization", "Bearer " + token);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
