package com.webriskops.webhooks.it.exportapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.webriskops.webhooks.jaxrs.api.BearerTokenAuthoriser;
import com.webriskops.webhooks.jaxrs.api.TicketExportApiFeature;
import com.webriskops.webhooks.jaxrs.testing.JaxrsServer;
import com.webriskops.webhooks.jaxrs.testing.SingletonApplication;
import com.webriskops.webhooks.jdbi.JdbiStores;
import com.webriskops.webhooks.jdbi.testing.DatabaseServers;
import com.webriskops.webhooks.payload.ProviderKey;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.sender.ExportRequest;
import com.webriskops.webhooks.sender.RetryPolicy;
import com.webriskops.webhooks.sender.WebhookSender;
import com.webriskops.webhooks.sender.outbox.Dispatcher;
import com.webriskops.webhooks.sender.spi.CredentialStore;
import com.webriskops.webhooks.sender.spi.TargetStore.StoredTarget;
import com.webriskops.webhooks.sender.target.ExportTarget;
import com.webriskops.webhooks.sender.target.ExportTarget.DeploymentMode;
import com.webriskops.webhooks.sender.target.ExportTarget.PrivateNetworkPolicy;
import com.webriskops.webhooks.sender.target.TargetSafety;
import com.webriskops.webhooks.signing.WebhookSecret;
import com.webriskops.webhooks.store.StoreException;
import com.webriskops.webhooks.testing.Deliveries;
import com.webriskops.webhooks.testing.DeliveryStoreContract;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The ticket-export API over real HTTP on Jersey 3.1 (JDK HTTP server), backed by the JDBI target
 * store and outbox on the database a subclass opens, with a {@link Dispatcher} delivering to the kit's
 * own receiver on loopback. Every answer is checked for the absence of any signing secret.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ExportApiSuite {
    static final String TOKEN = "test-api-token-0123456789";
    static final String READ_ONLY_TOKEN = "test-read-only-token-0123456789";
    static final String WRONG_SECRET = "whsec_wrong_secret_never_logged";
    /** A caller of another tenant: it must see none of acme's targets and exports. */
    static final String OTHER_TOKEN = "test-other-tenant-token-0123456789";
    /** Marks a prepared export every owner may approve (the application shares it). */
    static final String SHARED = "*";

    /** Connections in the pool of each database's {@link #openDataSource()}. */
    static final int POOL_SIZE = 10;

    private final String prefix = DatabaseServers.uniquePrefix("api");
    private final HttpClient client = HttpClient.newHttpClient();
    private final Map<String, ExportRequest> prepared = new ConcurrentHashMap<>();
    private final Map<String, String> preparedOwners = new ConcurrentHashMap<>();
    private final AtomicBoolean credentialWritesFail = new AtomicBoolean();
    /** The application's credential store; {@link #credentialWritesFail} makes its writes fail like a vault that is down. */
    private final CredentialStore credentials = new CredentialStore() {
        private final CredentialStore held = CredentialStore.inMemory();

        @Override
        public void setSigningSecrets(long targetId, List<WebhookSecret> secrets) {
            if (credentialWritesFail.get()) {
                throw new StoreException("the vault is unavailable");
            }
            held.setSigningSecrets(targetId, secrets);
        }

        @Override
        public List<WebhookSecret> signingSecrets(long targetId) {
            return held.signingSecrets(targetId);
        }
    };

    private final List<String> answers = new ArrayList<>();
    private JdbcConnectionPool dataSource;
    private JdbiStores stores;
    private KitReceiver receiver;
    private Dispatcher dispatcher;
    private JaxrsServer.Running server;

    /** Opens a connection pool on the database under test; the suite disposes it. */
    abstract JdbcConnectionPool openDataSource();

    /** Frees what the database setup took besides the pool, after the pool is disposed; nothing by default. */
    void closeDatabase() throws IOException {}

    @BeforeAll
    void start() throws Exception {
        dataSource = openDataSource();
        JdbiStores.migrate(dataSource, prefix);
        stores = JdbiStores.builder(dataSource).tablePrefix(prefix).build();
        receiver = new KitReceiver();
        dispatcher = Dispatcher.builder()
                .store(stores.deliveryStore())
                .sender(WebhookSender.builder().build())
                .targets(stores.targetStore().lookup(credentials))
                .retryPolicy(RetryPolicy.builder()
                        .retryAfterCap(Duration.ofMinutes(10))
                        .build())
                .pollInterval(Duration.ofMillis(100))
                .build();
        dispatcher.start();
        TicketExportApiFeature feature = TicketExportApiFeature.builder()
                .targetStore(stores.targetStore())
                .credentials(credentials)
                .preparedExports((owner, exportId) -> {
                    String exportOwner = preparedOwners.getOrDefault(exportId, "acme");
                    return exportOwner.equals(SHARED) || exportOwner.equals(owner) ? prepared.get(exportId) : null;
                })
                .deliveryStore(stores.deliveryStore())
                .targetSafety(TargetSafety.using(ExportApiSuite::resolve))
                // Callers may open 10.0.0.0/8; the loopback and link-local ranges listed too are never
                // opened through the API all the same.
                .allowPrivateNetworks("10.0.0.0/8", "127.0.0.0/8", "169.254.0.0/16")
                .authoriser(BearerTokenAuthoriser.builder()
                        .token(TOKEN, "automation")
                        .readOnlyToken(READ_ONLY_TOKEN, "dashboard")
                        .token(OTHER_TOKEN, "globex-bot")
                        .build())
                // The automation and the dashboard are callers of one tenant; globex-bot of another.
                .ownerResolver(principal -> principal.equals("globex-bot") ? "globex" : "acme")
                .idempotencyStore(stores.idempotentResponseStore())
                .onEnqueue(dispatcher::wakeUp)
                .build();
        server = JaxrsServer.seBootstrap().start(new SingletonApplication(feature));
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.stop().close();
        }
        if (dispatcher != null) {
            dispatcher.close();
        }
        if (receiver != null) {
            receiver.close();
        }
        if (dataSource != null) {
            DatabaseServers.dropTables(dataSource, prefix);
            dataSource.dispose();
        }
        closeDatabase();
        assertThat(String.join("\n", answers))
                .doesNotContain(Deliveries.SECRET_TEXT)
                .doesNotContain(WRONG_SECRET);
    }

    /**
     * Public documentation hosts resolve to a public address, {@code internal.example.test} to a private
     * one, {@code *.unresolvable.test} to nothing.
     */
    private static InetAddress[] resolve(String host) throws UnknownHostException {
        if (host.endsWith("unresolvable.test")) {
            throw new UnknownHostException(host);
        }
        if (host.endsWith("example.test")) {
            byte[] address = host.startsWith("internal.")
                    ? new byte[] {10, 0, 0, 5}
                    : new byte[] {93, (byte) 184, (byte) 216, 34};
            return new InetAddress[] {InetAddress.getByAddress(host, address)};
        }
        return InetAddress.getAllByName(host);
    }

    // ---- targets

    @Test
    void createsASafeTargetAndNeverEchoesItsSecret() throws Exception {
        Answer created = postTarget(
                "{\"provider_key\":\"generic_webhook\",\"base_url\":\"https://hooks.example.test/webriskops\","
                        + "\"deployment_mode\":\"webhook-only\",\"name\":\"Example webhook target\","
                        + "\"signing_secret\":\"" + Deliveries.SECRET_TEXT + "\"}");

        assertThat(created.status).isEqualTo(201);
        assertThat(created.headers.firstValue("Location"))
                .hasValue(server.baseUri() + "api/ticket-export-targets/"
                        + created.json().get("id").asLong());
        assertThat(created.json().get("provider_key").asText()).isEqualTo("generic_webhook");
        assertThat(created.json().get("deployment_mode").asText()).isEqualTo("webhook-only");
        assertThat(created.json().get("signing_status").asText()).isEqualTo("signed");
        assertThat(created.json().get("status").asText()).isEqualTo("active");
        assertThat(created.body).doesNotContain("secret\":");
        long id = created.json().get("id").asLong();

        Answer read = get("api/ticket-export-targets/" + id, TOKEN);
        assertThat(read.status).isEqualTo(200);
        assertThat(read.json().get("base_url").asText()).isEqualTo("https://hooks.example.test/webriskops");
        Answer list = get("api/ticket-export-targets?limit=200", TOKEN);
        assertThat(list.json().get("targets").findValuesAsText("name")).contains("Example webhook target");
    }

    @Test
    void refusesAnUnsafeTargetWithItsBlockingCode() throws Exception {
        Answer refused = postTarget("{\"provider_key\":\"generic_webhook\",\"base_url\":\"https://10.0.0.5/hook\","
                + "\"deployment_mode\":\"cloud\",\"signing_secret\":\"" + Deliveries.SECRET_TEXT + "\"}");

        assertThat(refused.status).isEqualTo(422);
        assertThat(refused.contentType).startsWith("application/problem+json");
        assertThat(refused.json().get("code").asText()).isEqualTo("generic_webhook_url_unsafe");
        assertThat(refused.json().get("provider_code").asText()).isEqualTo("PROVIDER_BASE_URL_BLOCKED");
    }

    @Test
    void creationNeverResolvesTheHostSoAnswersReadTheSameWhetherANameResolvesOrNot() throws Exception {
        // internal.example.test resolves to 10.0.0.5 for this suite; the other name resolves nowhere.
        for (String host : List.of("internal.example.test", "no-such-host.webriskops-unresolvable.test")) {
            Answer created = postTarget("{\"provider_key\":\"generic_webhook\",\"base_url\":\"https://" + host
                    + "/hook\"," + "\"deployment_mode\":\"cloud\"}");
            assertThat(created.status).as(created.body).isEqualTo(201);
            if (host.startsWith("internal.")) {
                // The address checks run where they are safe: at approval and at connect time.
                credentials.setSigningSecrets(created.json().get("id").asLong(), List.of(Deliveries.SECRET));
                Answer approved = approve(prepare(), created.json().get("id").asLong(), null);
                assertThat(approved.status).isEqualTo(422);
                assertThat(approved.json().get("code").asText()).isEqualTo("generic_webhook_url_unsafe");
            }
        }
        for (String local : List.of("localhost", "api.localhost", "printer.local", "metadata.google.internal")) {
            Answer refused =
                    postTarget("{\"provider_key\":\"generic_webhook\",\"base_url\":\"https://" + local + "/hook\"}");
            assertThat(refused.status).as(local).isEqualTo(422);
            assertThat(refused.json().get("code").asText()).isEqualTo("generic_webhook_url_unsafe");
        }
    }

    @Test
    void approvalAnswersTheSameWhetherANameResolvesToAPrivateAddressOrNotAtAll() throws Exception {
        List<Answer> answers = new ArrayList<>();
        for (String host : List.of("internal.example.test", "gone.unresolvable.test")) {
            Answer created = postTarget("{\"provider_key\":\"generic_webhook\",\"base_url\":\"https://" + host
                    + "/hook\"," + "\"signing_secret\":\"" + Deliveries.SECRET_TEXT + "\"}");
            assertThat(created.status).as(created.body).isEqualTo(201);
            answers.add(approve(prepare(), created.json().get("id").asLong(), null));
        }

        assertThat(answers.get(0).status).isEqualTo(422);
        assertThat(answers.get(0).json().get("code").asText()).isEqualTo("generic_webhook_url_unsafe");
        assertThat(answers.get(1).body).isEqualTo(answers.get(0).body);
    }

    @Test
    void callersCannotOpenLoopbackLinkLocalOrMetadataEvenWhereTheApplicationListsThem() throws Exception {
        // The attack, verbatim.
        for (String body : List.of(
                "{\"base_url\":\"http://127.0.0.1:8080/internal\",\"deployment_mode\":\"self-hosted\","
                        + "\"private_network_policy\":\"allowlist\",\"private_network_allowlist\":[\"127.0.0.1/32\"],"
                        + "\"signing_enabled\":false,\"provider_key\":\"generic_webhook\"}",
                "{\"base_url\":\"http://169.254.169.254/latest/meta-data\",\"deployment_mode\":\"self-hosted\","
                        + "\"private_network_policy\":\"allowlist\",\"private_network_allowlist\":[\"169.254.169.254/32\"],"
                        + "\"signing_enabled\":false,\"provider_key\":\"generic_webhook\"}",
                "{\"base_url\":\"http://[::1]:8080/internal\",\"deployment_mode\":\"self-hosted\","
                        + "\"private_network_policy\":\"allowlist\",\"private_network_allowlist\":[\"::1/128\"],"
                        + "\"signing_enabled\":false,\"provider_key\":\"generic_webhook\"}")) {
            Answer refused = postTarget(body);

            assertThat(refused.status).as(body).isEqualTo(422);
            assertThat(refused.json().get("code").asText()).isEqualTo("generic_webhook_url_unsafe");
            assertThat(refused.json().get("provider_code").asText()).isEqualTo("PROVIDER_BASE_URL_BLOCKED");
            assertThat(refused.json().get("violations").findValuesAsText("field"))
                    .contains("base_url", "private_network_allowlist");
        }
        assertThat(targetRows("http://127.0.0.1:8080/internal")).isZero();
        assertThat(targetRows("http://169.254.169.254/latest/meta-data")).isZero();
    }

    @Test
    void callersOpenOnlyThePrivateRangesTheApplicationAllows() throws Exception {
        String inside = "{\"provider_key\":\"n8n_webhook\",\"base_url\":\"http://10.20.0.5:5678/webhook\","
                + "\"deployment_mode\":\"self-hosted\",\"private_network_policy\":\"allowlist\","
                + "\"private_network_allowlist\":[\"10.20.0.0/16\"]}";
        Answer created = postTarget(inside);
        assertThat(created.status).as(created.body).isEqualTo(201);
        assertThat(created.json().get("private_network_allowlist").get(0).asText())
                .isEqualTo("10.20.0.0/16");

        Answer outside =
                postTarget(inside.replace("10.20.0.5", "192.168.1.5").replace("10.20.0.0/16", "192.168.0.0/16"));
        assertThat(outside.status).isEqualTo(422);
        assertThat(outside.json().get("code").asText()).isEqualTo("generic_webhook_url_unsafe");
        assertThat(outside.body).contains("outside the private ranges");
        Answer cloud = postTarget(inside.replace("self-hosted", "cloud"));
        assertThat(cloud.status).isEqualTo(422);
        assertThat(cloud.json().get("violations").findValuesAsText("field")).contains("private_network_policy");
    }

    @Test
    void anUnsafeUrlAndBodyViolationsAreListedInOneAnswer() throws Exception {
        Answer refused = postTarget("{\"provider_key\":\"jira\",\"base_url\":\"https://127.0.0.1/all-at-once\","
                + "\"deployment_mode\":\"moon\",\"signing_enabled\":\"yes\","
                + "\"signing_secret\":\"short-secret\"}");

        assertThat(refused.status).isEqualTo(422);
        assertThat(refused.contentType).startsWith("application/problem+json");
        assertThat(refused.json().get("code").asText()).isEqualTo("generic_webhook_url_unsafe");
        assertThat(refused.json().get("violations").findValuesAsText("field"))
                .containsExactlyInAnyOrder(
                        "base_url", "provider_key", "deployment_mode", "signing_enabled", "signing_secret");
        assertThat(refused.body).doesNotContain("short-secret");
        assertThat(targetRows("https://127.0.0.1/all-at-once")).isZero();
    }

    @Test
    void aCreateWhoseCredentialWriteFailsLeavesNoTarget() throws Exception {
        String url = "https://hooks.example.test/vault-down";
        credentialWritesFail.set(true);
        Answer failed;
        try {
            failed = postTarget("{\"provider_key\":\"generic_webhook\",\"base_url\":\"" + url + "\","
                    + "\"signing_secret\":\"" + Deliveries.SECRET_TEXT + "\"}");
        } finally {
            credentialWritesFail.set(false);
        }

        assertThat(failed.status).isGreaterThanOrEqualTo(500);
        assertThat(targetRows(url)).isZero();
        assertThat(get("api/ticket-export-targets?limit=200", TOKEN)
                        .json()
                        .get("targets")
                        .findValuesAsText("base_url"))
                .doesNotContain(url);
    }

    @Test
    void theDocumentsTargetRequestIsStoredAndApprovalWaitsForTheCredential() throws Exception {
        // The documents' create-target request, verbatim: no secret in the JSON.
        Answer created = post(
                "api/ticket-export-targets",
                "{\"provider_key\":\"generic_webhook\",\"base_url\":\"https://hooks.example.test/webriskops\","
                        + "\"deployment_mode\":\"webhook-only\",\"name\":\"Example webhook target\"}",
                TOKEN,
                "target-example-123");

        assertThat(created.status).as(created.body).isEqualTo(201);
        assertThat(created.json().get("signing_status").asText()).isEqualTo("secret_missing");
        long targetId = created.json().get("id").asLong();
        String exportId = prepare();

        Answer refused = approve(exportId, targetId, "approve-ticket-export-example-123");
        assertThat(refused.status).isEqualTo(422);
        assertThat(refused.json().get("code").asText()).isEqualTo("generic_webhook_secret_missing");
        assertThat(refused.json().get("provider_code").asText()).isEqualTo("PROVIDER_AUTH_REQUIRED");
        assertThat(stores.deliveryStore()
                        .findByIdempotencyKey(prepared.get(exportId).idempotencyKey()))
                .isNull();

        Answer tooShort = setCredential(targetId, "{\"signing_secret\":\"short-secret\"}");
        assertThat(tooShort.status).isEqualTo(422);
        assertThat(tooShort.body).doesNotContain("short-secret");
        Answer set = setCredential(targetId, "{\"signing_secret\":\"" + Deliveries.SECRET_TEXT + "\"}");
        assertThat(set.status).isEqualTo(204);
        assertThat(get("api/ticket-export-targets/" + targetId, TOKEN)
                        .json()
                        .get("signing_status")
                        .asText())
                .isEqualTo("signed");

        Answer approved = approve(exportId, targetId, "approve-ticket-export-example-124");
        assertThat(approved.status).as(approved.body).isEqualTo(202);
        Instant deadline = Instant.now().plusSeconds(30);
        JsonNode status = null;
        while (Instant.now().isBefore(deadline)) {
            status = get("api/ticket-exports/" + exportId, TOKEN).json();
            if (Set.of("exported", "blocked", "failed", "retry_scheduled")
                    .contains(status.get("status").asText())) {
                break;
            }
            Thread.sleep(50);
        }
        assertThat(status.get("status").asText()).isIn("exported", "blocked", "failed", "retry_scheduled");
        if (status.get("status").asText().equals("retry_scheduled")) {
            assertThat(status.get("retry_after_seconds").isNumber()).isTrue();
        }
    }

    @Test
    void aMappedAllowlistEntryIsAValidationFailureAndListsStillAnswer() throws Exception {
        Answer refused =
                postTarget("{\"provider_key\":\"generic_webhook\",\"base_url\":\"https://hooks.example.test/mapped\","
                        + "\"deployment_mode\":\"self-hosted\",\"private_network_policy\":\"allowlist\","
                        + "\"private_network_allowlist\":[\"::ffff:127.0.0.1\"],\"signing_secret\":\""
                        + Deliveries.SECRET_TEXT + "\"}");

        assertThat(refused.status).as(refused.body).isEqualTo(422);
        assertThat(refused.json().get("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(refused.json().get("violations").findValuesAsText("field")).contains("private_network_allowlist");
        assertThat(refused.body).contains("IPv4-mapped");
        assertThat(get("api/ticket-export-targets?limit=200", TOKEN).status).isEqualTo(200);
        assertThat(get("api/ticket-export-targets?limit=200", TOKEN)
                        .json()
                        .get("targets")
                        .findValuesAsText("base_url"))
                .doesNotContain("https://hooks.example.test/mapped");
    }

    @Test
    void refusesAnUnknownProviderKeyListingTheViolation() throws Exception {
        Answer refused =
                postTarget("{\"provider_key\":\"jira\",\"base_url\":\"https://hooks.example.test/webriskops\"}");

        assertThat(refused.status).isEqualTo(422);
        assertThat(refused.json().get("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(refused.json().get("violations").findValuesAsText("field")).contains("provider_key");
    }

    @Test
    void disablesAndDeletesATarget() throws Exception {
        long id = createLoopbackTarget("/hook", Deliveries.SECRET_TEXT);

        Answer disabled = post("api/ticket-export-targets/" + id + "/disable", "", TOKEN, null);
        assertThat(disabled.status).isEqualTo(200);
        assertThat(disabled.json().get("status").asText()).isEqualTo("disabled");
        String exportId = prepare();
        Answer approve = approve(exportId, id, null);
        assertThat(approve.status).isEqualTo(422);
        assertThat(approve.json().get("violations").findValuesAsText("field")).contains("target_id");

        assertThat(send("DELETE", "api/ticket-export-targets/" + id, null, TOKEN, null).status)
                .isEqualTo(204);
        assertThat(get("api/ticket-export-targets/" + id, TOKEN).status).isEqualTo(404);
        assertThat(credentials.signingSecrets(id)).isEmpty();
    }

    // ---- approval, status, retry

    @Test
    void approvedExportIsPolledUntilExported() throws Exception {
        long targetId = createLoopbackTarget("/hook", Deliveries.SECRET_TEXT);
        String exportId = prepare();

        Answer approved = approve(exportId, targetId, "approve-ticket-export-" + exportId);

        assertThat(approved.status).isEqualTo(202);
        assertThat(approved.json().get("export_id").asText()).isEqualTo(exportId);
        assertThat(approved.json().get("provider_key").asText()).isEqualTo("generic_webhook");
        assertThat(approved.json().get("signing_status").asText()).isEqualTo("signed");
        JsonNode status = pollUntil(exportId, "exported");
        assertThat(status.get("retry_count").asInt()).isZero();
        assertThat(status.get("last_http_status").asInt()).isEqualTo(200);
        assertThat(receiver.accepted)
                .anySatisfy(body -> assertThat(new String(body, StandardCharsets.UTF_8))
                        .contains(prepared.get(exportId).idempotencyKey()));
    }

    @Test
    void sameKeyAndBodyReplaysTheFirstAnswerAndADifferentBodyIsRefused() throws Exception {
        long targetId = createLoopbackTarget("/hook", Deliveries.SECRET_TEXT);
        long otherTarget = createLoopbackTarget("/hook", Deliveries.SECRET_TEXT);
        String exportId = prepare();
        String key = "approve-ticket-export-example-" + exportId;

        Answer first = approve(exportId, targetId, key);
        Answer replay = approve(exportId, targetId, key);
        Answer different = approve(exportId, otherTarget, key);

        assertThat(first.status).isEqualTo(202);
        assertThat(replay.status).isEqualTo(202);
        assertThat(replay.body).isEqualTo(first.body);
        assertThat(replay.headers.firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(different.status).isEqualTo(422);
        assertThat(different.json().get("code").asText()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
    }

    @Test
    void approvingForAnUnknownTargetIsAValidationFailure() throws Exception {
        Answer refused = approve(prepare(), 987_654_321L, null);

        assertThat(refused.status).isEqualTo(422);
        assertThat(refused.json().get("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(refused.json().get("violations").findValuesAsText("field")).contains("target_id");
    }

    @Test
    void bodiesThatAreTooLargeOrNotAJsonObjectAreRefusedOnEveryWritingCall() throws Exception {
        long target = createTarget(TOKEN);
        String tooLarge = "{\"provider_key\":\"generic_webhook\",\"base_url\":\"https://hooks.example.test/large\","
                + "\"deployment_mode\":\"webhook-only\",\"signing_enabled\":false,\"name\":\""
                + "x".repeat(65 * 1024) + "\"}";
        List<String> paths = List.of(
                "api/ticket-export-targets",
                "api/ticket-export-targets/" + target + "/credential",
                "api/ticket-exports/" + prepare() + "/approve");
        for (String path : paths) {
            String method = path.endsWith("/credential") ? "PUT" : "POST";

            Answer large = send(method, path, tooLarge, TOKEN, null);
            assertThat(large.status).as(path).isEqualTo(413);
            assertThat(large.json().get("code").asText()).isEqualTo("VALIDATION_FAILED");

            for (String notAnObject : List.of("[]", "\"text\"", "{not json")) {
                Answer invalid = send(method, path, notAnObject, TOKEN, null);
                assertThat(invalid.status).as(path + " " + notAnObject).isEqualTo(422);
                assertThat(invalid.json().get("violations").findValuesAsText("field"))
                        .containsExactly("body");
            }
        }
        assertThat(targetRows("https://hooks.example.test/large")).isZero();
    }

    @Test
    void approvingForATargetThatBecameUnsafeIsBlocked() throws Exception {
        long unsafe = stores.targetStore()
                .create(
                        "acme",
                        ExportTarget.builder()
                                .baseUrl("https://internal.example.test/hook")
                                .deploymentMode(DeploymentMode.CLOUD)
                                .build(),
                        Instant.now())
                .id();
        credentials.setSigningSecrets(unsafe, List.of(Deliveries.SECRET));

        Answer refused = approve(prepare(), unsafe, null);

        assertThat(refused.status).isEqualTo(422);
        assertThat(refused.json().get("code").asText()).isEqualTo("generic_webhook_url_unsafe");
        assertThat(refused.json().get("provider_code").asText()).isEqualTo("PROVIDER_BASE_URL_BLOCKED");
    }

    @Test
    void approvingAnExportThatWasNotPreparedIsNotFound() throws Exception {
        long targetId = createLoopbackTarget("/hook", Deliveries.SECRET_TEXT);

        Answer refused = approve("example-export-id-unknown", targetId, null);

        assertThat(refused.status).isEqualTo(404);
        assertThat(refused.json().get("code").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void busyReceiverLeavesTheExportRetryScheduledWithRetryAfterSeconds() throws Exception {
        long targetId = createLoopbackTarget("/busy", Deliveries.SECRET_TEXT);
        String exportId = prepare();

        assertThat(approve(exportId, targetId, null).status).isEqualTo(202);
        JsonNode status = pollUntil(exportId, "retry_scheduled");

        assertThat(status.get("retry_after_seconds").asLong()).isBetween(1L, (long) KitReceiver.BUSY_RETRY_AFTER);
        assertThat(status.get("last_http_status").asInt()).isEqualTo(503);
        Answer retry = post("api/ticket-exports/" + exportId + "/retry", "", TOKEN, null);
        assertThat(retry.status).isEqualTo(409);
        assertThat(retry.json().get("code").asText()).isEqualTo("EXPORT_NOT_RETRYABLE");
    }

    @Test
    void blockedExportIsRetriedAfterTheCredentialIsFixed() throws Exception {
        long targetId = createLoopbackTarget("/hook", WRONG_SECRET);
        String exportId = prepare();
        assertThat(approve(exportId, targetId, null).status).isEqualTo(202);
        JsonNode blocked = pollUntil(exportId, "blocked");
        assertThat(blocked.get("last_code").asText()).isEqualTo("generic_webhook_auth_failed");

        Answer set = setCredential(targetId, "{\"signing_secret\":\"" + Deliveries.SECRET_TEXT + "\"}");
        assertThat(set.status).isEqualTo(204);
        assertThat(set.body).isEmpty();
        Answer retried = post("api/ticket-exports/" + exportId + "/retry", "", TOKEN, "retry-example-" + exportId);

        assertThat(retried.status).isEqualTo(202);
        pollUntil(exportId, "exported");
    }

    // ---- fallback

    @Test
    void fallbackDownloadsCsvMarkdownAndJson() throws Exception {
        long targetId = createLoopbackTarget("/hook", Deliveries.SECRET_TEXT);
        String exportId = prepare();
        assertThat(approve(exportId, targetId, null).status).isEqualTo(202);
        String title = prepared.get(exportId).ticketExport().title();

        Answer csv = get("api/ticket-exports/" + exportId + "/fallback?format=csv", TOKEN);
        Answer md = get("api/ticket-exports/" + exportId + "/fallback?format=md", TOKEN);
        Answer json = get("api/ticket-exports/" + exportId + "/fallback?format=json", TOKEN);
        Answer bad = get("api/ticket-exports/" + exportId + "/fallback?format=xlsx", TOKEN);

        assertThat(csv.status).isEqualTo(200);
        assertThat(csv.contentType).startsWith("text/csv");
        assertThat(csv.headers.firstValue("Content-Disposition"))
                .hasValueSatisfying(v -> assertThat(v).contains("attachment", ".csv"));
        assertThat(csv.body).contains(title);
        assertThat(md.status).isEqualTo(200);
        assertThat(md.contentType).startsWith("text/markdown");
        assertThat(md.body).contains(title);
        assertThat(json.status).isEqualTo(200);
        assertThat(json.json().get("idempotency_key").asText())
                .isEqualTo(prepared.get(exportId).idempotencyKey());
        assertThat(bad.status).isEqualTo(422);
    }

    // ---- authentication

    @Test
    void missingOrWrongTokenIsUnauthorized() throws Exception {
        Answer missing = send("GET", "api/ticket-export-targets", null, null, null);
        Answer wrong = get("api/ticket-export-targets", "not-the-token-0123456789");
        Answer notBearer = send("GET", "api/ticket-export-targets", null, null, null, "Basic dXNlcjpwYXNz");

        for (Answer answer : List.of(missing, wrong, notBearer)) {
            assertThat(answer.status).isEqualTo(401);
            assertThat(answer.contentType).startsWith("application/problem+json");
            assertThat(answer.json().get("code").asText()).isEqualTo("UNAUTHORIZED");
        }
    }

    @Test
    void readOnlyTokenMayPollButNotApprove() throws Exception {
        long targetId = createLoopbackTarget("/hook", Deliveries.SECRET_TEXT);
        String exportId = prepare();

        Answer approve = send(
                "POST",
                "api/ticket-exports/" + exportId + "/approve",
                "{\"target_id\":" + targetId + "}",
                READ_ONLY_TOKEN,
                null);

        assertThat(approve.status).isEqualTo(403);
        assertThat(approve.json().get("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(get("api/ticket-export-targets/" + targetId, READ_ONLY_TOKEN).status)
                .isEqualTo(200);
    }

    // ---- owners

    @Test
    void anotherOwnerSeesNoneOfATargetsOrExportsAndChangesNothing() throws Exception {
        long targetId = createLoopbackTarget("/hook", Deliveries.SECRET_TEXT);
        String exportId = prepare();
        String sharedId = prepare();
        preparedOwners.put(sharedId, SHARED);
        assertThat(approve(exportId, targetId, null).status).isEqualTo(202);
        assertThat(approve(sharedId, targetId, null).status).isEqualTo(202);
        pollUntil(exportId, "exported");
        pollUntil(sharedId, "exported");
        long otherTarget = createTarget(OTHER_TOKEN);
        long unknownTarget = 987_654_321L;
        String unknownExport = "example-export-unknown";

        // Every call with acme's ids answers globex exactly as an unknown id does.
        for (String[] call : new String[][] {
            {"GET", "api/ticket-export-targets/%s", null},
            {"POST", "api/ticket-export-targets/%s/disable", null},
            {"DELETE", "api/ticket-export-targets/%s", null},
            {"PUT", "api/ticket-export-targets/%s/credential", "{\"signing_secret\":\"" + WRONG_SECRET + "\"}"},
        }) {
            Answer theirs = send(call[0], call[1].formatted(targetId), call[2], OTHER_TOKEN, null);
            Answer unknown = send(call[0], call[1].formatted(unknownTarget), call[2], OTHER_TOKEN, null);
            assertThat(theirs.status).as(call[0] + " " + call[1]).isEqualTo(404);
            assertThat(theirs.body).isEqualTo(unknown.body);
        }
        for (String export : List.of(exportId, sharedId)) {
            for (String[] call : new String[][] {
                {"GET", "api/ticket-exports/%s", null},
                {"POST", "api/ticket-exports/%s/retry", null},
                {"GET", "api/ticket-exports/%s/fallback?format=json", null},
                {"GET", "api/ticket-exports/%s/fallback?format=csv&target_id=" + targetId, null},
                {"POST", "api/ticket-exports/%s/approve", "{\"target_id\":" + otherTarget + "}"},
            }) {
                Answer theirs = send(call[0], call[1].formatted(export), call[2], OTHER_TOKEN, null);
                assertThat(theirs.status)
                        .as(export + ": " + call[0] + " " + call[1])
                        .isEqualTo(404);
                if (export.equals(exportId)) {
                    Answer unknown = send(call[0], call[1].formatted(unknownExport), call[2], OTHER_TOKEN, null);
                    assertThat(theirs.body).isEqualTo(unknown.body);
                }
            }
        }
        // globex's own export, approved for acme's target, reads as an unknown target.
        String globexExport = prepare();
        preparedOwners.put(globexExport, "globex");
        Answer theirTarget = send(
                "POST",
                "api/ticket-exports/" + globexExport + "/approve",
                "{\"target_id\":" + targetId + "}",
                OTHER_TOKEN,
                null);
        Answer noTarget = send(
                "POST",
                "api/ticket-exports/" + globexExport + "/approve",
                "{\"target_id\":" + unknownTarget + "}",
                OTHER_TOKEN,
                null);
        assertThat(theirTarget.status).isEqualTo(422);
        assertThat(theirTarget.body).isEqualTo(noTarget.body);
        // Lists hold only the caller's own targets.
        assertThat(get("api/ticket-export-targets?limit=200", OTHER_TOKEN)
                        .json()
                        .get("targets")
                        .findValues("id"))
                .extracting(JsonNode::asLong)
                .containsExactly(otherTarget);
        assertThat(get("api/ticket-export-targets?limit=200", TOKEN)
                        .json()
                        .get("targets")
                        .findValues("id"))
                .extracting(JsonNode::asLong)
                .contains(targetId)
                .doesNotContain(otherTarget);

        // Nothing changed in the stores.
        StoredTarget stored = stores.targetStore().find(targetId);
        assertThat(stored.owner()).isEqualTo("acme");
        assertThat(stored.active()).isTrue();
        assertThat(credentials.signingSecrets(targetId)).hasSize(1);
        assertThat(credentials
                        .signingSecrets(targetId)
                        .get(0)
                        .occursIn(Deliveries.SECRET_TEXT.getBytes(StandardCharsets.UTF_8)))
                .isTrue();
        for (String export : List.of(exportId, sharedId)) {
            var delivery = stores.deliveryStore()
                    .findByIdempotencyKey(prepared.get(export).idempotencyKey());
            assertThat(delivery.status().wireName()).isEqualTo("exported");
            assertThat(delivery.targetId()).isEqualTo(targetId);
            assertThat(stores.deliveryStore().ownerOf(delivery.id())).isEqualTo("acme");
        }
        assertThat(stores.deliveryStore()
                        .findByIdempotencyKey(prepared.get(globexExport).idempotencyKey()))
                .isNull();
        // acme still reads both.
        assertThat(get("api/ticket-exports/" + sharedId, TOKEN).status).isEqualTo(200);
        assertThat(get("api/ticket-export-targets/" + targetId, READ_ONLY_TOKEN).status)
                .isEqualTo(200);
    }

    @Test
    void idempotencyKeysAreScopedPerOwner() throws Exception {
        String body = "{\"provider_key\":\"generic_webhook\",\"base_url\":\"https://hooks.example.test/same\","
                + "\"deployment_mode\":\"webhook-only\",\"signing_secret\":\"" + Deliveries.SECRET_TEXT + "\"}";
        Answer acme = post("api/ticket-export-targets", body, TOKEN, "same-key-for-both-owners");
        Answer globex = post("api/ticket-export-targets", body, OTHER_TOKEN, "same-key-for-both-owners");

        assertThat(acme.status).isEqualTo(201);
        assertThat(globex.status).isEqualTo(201);
        assertThat(globex.json().get("id").asLong())
                .isNotEqualTo(acme.json().get("id").asLong());
        assertThat(stores.targetStore().find(globex.json().get("id").asLong()).owner())
                .isEqualTo("globex");
    }

    // ---- helpers

    private long createTarget(String token) throws Exception {
        Answer created = post(
                "api/ticket-export-targets",
                "{\"provider_key\":\"generic_webhook\",\"base_url\":\"https://hooks.example.test/other\","
                        + "\"deployment_mode\":\"webhook-only\",\"signing_secret\":\"" + Deliveries.SECRET_TEXT
                        + "\"}",
                token,
                null);
        assertThat(created.status).as(created.body).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    /**
     * A target of acme on the kit's loopback receiver, created application-side: the API never lets a
     * caller open loopback, so the application writes it through its store, with its secret, as one unit.
     */
    private long createLoopbackTarget(String path, String secret) {
        return stores.targetStore()
                .create(
                        "acme",
                        ExportTarget.builder()
                                .providerKey(ProviderKey.GENERIC_WEBHOOK)
                                .baseUrl(receiver.url(path))
                                .deploymentMode(DeploymentMode.SELF_HOSTED)
                                .privateNetworkPolicy(PrivateNetworkPolicy.ALLOWLIST)
                                .privateNetworkAllowlist("127.0.0.1/32")
                                .build(),
                        Instant.now(),
                        stored -> credentials.setSigningSecrets(stored.id(), List.of(WebhookSecret.of(secret))))
                .id();
    }

    /** Rows of this suite's target table with {@code baseUrl}, whoever owns them. */
    private long targetRows(String baseUrl) throws java.sql.SQLException {
        try (java.sql.Connection connection = dataSource.getConnection();
                java.sql.PreparedStatement statement = connection.prepareStatement(
                        "SELECT COUNT(*) FROM " + prefix + "export_targets WHERE base_url = ?")) {
            statement.setString(1, baseUrl);
            try (java.sql.ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private String prepare() {
        String exportId = "example-export-" + UUID.randomUUID().toString().substring(0, 8);
        prepared.put(exportId, DeliveryStoreContract.export("ticket-export-" + prefix + exportId));
        return exportId;
    }

    private Answer approve(String exportId, long targetId, String idempotencyKey) throws Exception {
        return post(
                "api/ticket-exports/" + exportId + "/approve",
                "{\"target_id\":" + targetId + "}",
                TOKEN,
                idempotencyKey);
    }

    private JsonNode pollUntil(String exportId, String wanted) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            Answer status = get("api/ticket-exports/" + exportId, TOKEN);
            assertThat(status.status).isEqualTo(200);
            last = status.json();
            if (wanted.equals(last.get("status").asText())) {
                return last;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("export " + exportId + " did not reach " + wanted + "; last: " + last);
    }

    private Answer get(String path, String token) throws Exception {
        return send("GET", path, null, token, null);
    }

    /** {@code PUT api/ticket-export-targets/{targetId}/credential} with {@code body}, as the automation caller. */
    private Answer setCredential(long targetId, String body) throws Exception {
        return send("PUT", "api/ticket-export-targets/" + targetId + "/credential", body, TOKEN, null);
    }

    /** {@code POST api/ticket-export-targets} with {@code body}, as the automation caller, without a key. */
    private Answer postTarget(String body) throws Exception {
        return post("api/ticket-export-targets", body, TOKEN, null);
    }

    private Answer post(String path, String body, String token, String idempotencyKey) throws Exception {
        return send("POST", path, body, token, idempotencyKey);
    }

    private Answer send(String method, String path, String body, String token, String idempotencyKey) throws Exception {
        return send(method, path, body, token, idempotencyKey, token == null ? null : "Bearer " + token);
    }

    private Answer send(
            String method, String path, String body, String token, String idempotencyKey, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUri() + path))
                .header("Accept", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        synchronized (answers) {
            answers.add(response.body());
        }
        return new Answer(
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""),
                response.body(),
                response.headers());
    }

    /** One HTTP answer. */
    record Answer(int status, String contentType, String body, java.net.http.HttpHeaders headers) {
        JsonNode json() throws IOException {
            return WebhookJson.mapper().readTree(body);
        }
    }
}
