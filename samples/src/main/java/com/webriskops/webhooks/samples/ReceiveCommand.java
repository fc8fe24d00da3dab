package com.webriskops.webhooks.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.webriskops.webhooks.idempotency.IdempotentRequests;
import com.webriskops.webhooks.idempotency.IdempotentResponseStore;
import com.webriskops.webhooks.idempotency.SharedSecretCheck;
import com.webriskops.webhooks.idempotency.SharedSecretCheck.SharedSecret;
import com.webriskops.webhooks.jdbi.JdbiStores;
import com.webriskops.webhooks.payload.TicketExportWebhook;
import com.webriskops.webhooks.receiver.VerifiedDelivery;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.samples.apps.JerseyReceiverApp;
import com.webriskops.webhooks.samples.apps.RunningServer;
import com.webriskops.webhooks.samples.apps.ScannerEndpoint;
import com.webriskops.webhooks.samples.apps.ScannerResult;
import com.webriskops.webhooks.samples.apps.ServletReceiverApp;
import com.webriskops.webhooks.samples.apps.StandardWebhooksEndpoint;
import com.webriskops.webhooks.samples.apps.VicketEndpoint;
import com.webriskops.webhooks.signing.WebhookSecret;
import com.webriskops.webhooks.standardwebhooks.StandardWebhooksScheme;
import com.webriskops.webhooks.vicket.VicketScheme;
import com.webriskops.webhooks.vicket.VicketWebhook;
import jakarta.annotation.Nullable;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;

/** {@code receive}: serves the webhook, scanner and Vicket endpoints until stopped. */
final class ReceiveCommand extends Command {
    /** The environment variable holding the scanner postback's shared secret. */
    static final String SCANNER_SECRET_ENV = "WRO_SCANNER_SHARED_SECRET";

    /** The environment variable holding the Vicket signing secret. */
    static final String VICKET_SECRET_ENV = "VICKET_WEBHOOK_SECRET";

    /** The table prefix of the Vicket receiver's stores, so its duplicate-guard keys never meet WebRiskOps ones. */
    static final String VICKET_TABLE_PREFIX = "vicket_";

    /** The environment variable holding the Standard Webhooks {@code whsec_} secrets (comma-separated). */
    static final String STANDARD_SECRET_ENV = "STANDARD_WEBHOOKS_SECRET";

    /** The environment variable holding the Standard Webhooks {@code whpk_} public keys (comma-separated). */
    static final String STANDARD_PUBLIC_KEY_ENV = "STANDARD_WEBHOOKS_PUBLIC_KEY";

    /** The table prefix of the Standard Webhooks receiver's stores. */
    static final String STANDARD_TABLE_PREFIX = "standard_";

    ReceiveCommand() {
        super(
                "receive",
                "serve the webhook, scanner, Vicket and Standard Webhooks endpoints (Jersey or Jetty) and print what"
                        + " they accept",
                "--port N [--adapter jaxrs|servlet] [--store memory|JDBC_URL] [--test-secret]",
                "Serves on 127.0.0.1, with the chosen adapter and store:\n"
                        + "  POST /webhooks/webriskops  verified ticket exports; one JSON line per accepted delivery\n"
                        + "                             (idempotency_key, attempt, nonce, ...)\n"
                        + "  POST /api/scanner/results  scanner postbacks behind X-Scanner-Secret and Idempotency-Key;\n"
                        + "                             202 {\"id\":...} and one JSON line (scanner_result_id, ...)\n"
                        + "  POST /webhooks/vicket      Vicket-signed webhooks; one JSON line (vicket_id, event, ...)\n"
                        + "  POST /webhooks/standard    Standard Webhooks (Svix and others), v1 or v1a; one JSON line\n"
                        + "                             (standard_id, type, timestamp)\n"
                        + "An endpoint whose secret variable is unset is not served (stderr says so).\n"
                        + "Refused, replayed and duplicate requests are answered by the kit and not printed.\n"
                        + "Ctrl-C stops it cleanly.\n\n"
                        + "  --port N                 the port (0 for a free one; the URL is printed on stderr)\n"
                        + "  --adapter A              jaxrs (Jersey on Jetty 12, default) or servlet (the filter on Jetty 12)\n"
                        + "  --store S                memory (default) or a JDBC URL (PostgreSQL, MariaDB, H2);\n"
                        + "                           the migrations run on first use\n"
                        + "  --test-secret            the secrets are test keys: accept ones shorter than 16 bytes\n\n"
                        + "Secrets: " + Console.SECRET_ENV + ", " + SCANNER_SECRET_ENV
                        + " (X-Scanner-Secret), " + VICKET_SECRET_ENV + " (Vicket),\n"
                        + STANDARD_SECRET_ENV + " (whsec_...) and/or " + STANDARD_PUBLIC_KEY_ENV
                        + " (whpk_...) for Standard Webhooks;\neach " + Console.ROTATION_HELP + ".\n"
                        + "A webhook secret shorter than " + WebhookSecret.MIN_RECEIVING_KEY_BYTES
                        + " bytes is refused unless --" + Console.TEST_SECRET_FLAG + " says it is a test key.\n");
    }

    @Override
    public Set<String> options() {
        return Set.of("port", "adapter", "store");
    }

    @Override
    public Set<String> flags() {
        return Set.of(Console.TEST_SECRET_FLAG);
    }

    @Override
    public int run(Args args, Console console) throws Exception {
        int port = args.port();
        String adapter = args.optional("adapter") == null ? "jaxrs" : args.optional("adapter");
        if (!adapter.equals("jaxrs") && !adapter.equals("servlet")) {
            throw new UsageException("--adapter must be jaxrs or servlet, not '" + adapter + "'");
        }
        String store = args.optional("store") == null ? "memory" : args.optional("store");
        WebhookReceiver.Builder<TicketExportWebhook> receiver =
                WebhookReceiver.builder().secrets(console.receivingSecrets(args.flag(Console.TEST_SECRET_FLAG)));
        List<SharedSecret> scannerSecrets = secretsFrom(console, SCANNER_SECRET_ENV, SharedSecret::of);
        boolean testKeys = args.flag(Console.TEST_SECRET_FLAG);
        List<WebhookSecret> vicketSecrets =
                secretsFrom(console, VICKET_SECRET_ENV, testKeys ? WebhookSecret::forTesting : WebhookSecret::of);
        if (!testKeys) {
            Console.checkedLength(VICKET_SECRET_ENV, vicketSecrets);
        }
        WebhookReceiver.Builder<VicketWebhook> vicketReceiver = WebhookReceiver.builder(VicketScheme.ofDefaults());
        StandardWebhooksScheme<JsonNode> standardScheme = standardScheme(console);
        WebhookReceiver.Builder<StandardWebhooksScheme.Message<JsonNode>> standardReceiver =
                standardScheme == null ? null : WebhookReceiver.builder(standardScheme);
        IdempotentResponseStore responses = IdempotentResponseStore.inMemory();
        if (!store.equals("memory")) {
            DataSource dataSource = Databases.open(store);
            JdbiStores stores = JdbiStores.create(dataSource);
            receiver.replayStore(stores.replayStore()).idempotencyStore(stores.idempotencyStore());
            responses = stores.idempotentResponseStore();
            if (!vicketSecrets.isEmpty()) {
                useTablesOf(vicketReceiver, dataSource, VICKET_TABLE_PREFIX);
            }
            if (standardReceiver != null) {
                useTablesOf(standardReceiver, dataSource, STANDARD_TABLE_PREFIX);
            }
        }
        Consumer<VerifiedDelivery<?>> print = delivery -> console.printJson(line(delivery));
        ScannerEndpoint scanner = scannerSecrets.isEmpty()
                ? null
                : new ScannerEndpoint(
                        SharedSecretCheck.builder().secrets(scannerSecrets).build(),
                        IdempotentRequests.builder().store(responses).build(),
                        result -> console.printJson(scannerLine(result)));
        VicketEndpoint vicket = vicketSecrets.isEmpty()
                ? null
                : new VicketEndpoint(
                        vicketReceiver.secrets(vicketSecrets).build(),
                        delivery -> console.printJson(vicketLine(delivery)));
        StandardWebhooksEndpoint standard = standardReceiver == null
                ? null
                : new StandardWebhooksEndpoint(
                        standardReceiver.build(), delivery -> console.printJson(standardLine(delivery)));
        RunningServer server = adapter.equals("jaxrs")
                ? JerseyReceiverApp.start(receiver.build(), port, print, scanner, vicket, standard)
                : ServletReceiverApp.start(receiver.build(), port, print, scanner, vicket, standard);
        try (ShutdownSignal signal = new ShutdownSignal("receive-shutdown", Duration.ofSeconds(10))) {
            try {
                console.err()
                        .println("receive: listening on " + server.endpoint() + " (" + adapter + ", store "
                                + (store.equals("memory") ? "memory" : Databases.redact(store)) + "); Ctrl-C stops");
                URI root = server.endpoint().resolve("/");
                printOptional(
                        console,
                        scanner != null,
                        root,
                        ScannerEndpoint.PATH,
                        "X-Scanner-Secret, Idempotency-Key",
                        SCANNER_SECRET_ENV + " is not set");
                printOptional(
                        console,
                        vicket != null,
                        root,
                        VicketEndpoint.PATH,
                        "Vicket signature",
                        VICKET_SECRET_ENV + " is not set");
                printOptional(
                        console,
                        standard != null,
                        root,
                        StandardWebhooksEndpoint.PATH,
                        "Standard Webhooks signature",
                        "neither " + STANDARD_SECRET_ENV + " nor " + STANDARD_PUBLIC_KEY_ENV + " is set");
                signal.await();
            } finally {
                server.close();
            }
        }
        console.err().println("receive: stopped");
        return Main.OK;
    }

    /** The JSON line printed for an accepted delivery. */
    static Map<String, Object> line(VerifiedDelivery<?> delivery) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("idempotency_key", delivery.idempotencyKey());
        line.put("attempt", delivery.attempt());
        line.put("nonce", delivery.nonce());
        line.put("timestamp", delivery.timestamp().getEpochSecond());
        TicketExportWebhook webhook = delivery.payload(TicketExportWebhook.class);
        line.put("target_id", webhook.target().id());
        line.put("ticket", webhook.ticketExport().title());
        return line;
    }

    /** The JSON line printed for an accepted scanner result. */
    static Map<String, Object> scannerLine(ScannerResult result) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("scanner_result_id", result.id());
        line.put("scan_run_id", result.scanRunId());
        line.put("status", result.status());
        return line;
    }

    /** The JSON line printed for an accepted Vicket delivery. */
    static Map<String, Object> vicketLine(VerifiedDelivery<?> delivery) {
        VicketWebhook event = delivery.payload(VicketWebhook.class);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("vicket_id", event.id());
        line.put("event", event.event());
        line.put("occurred_at", event.occurredAt().toString());
        line.put("timestamp", delivery.timestamp().getEpochSecond());
        return line;
    }

    /** The JSON line printed for an accepted Standard Webhooks delivery. */
    static Map<String, Object> standardLine(VerifiedDelivery<?> delivery) {
        StandardWebhooksScheme.Message<?> message = delivery.payload(StandardWebhooksScheme.Message.class);
        JsonNode event = (JsonNode) message.payload();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("standard_id", message.id());
        line.put("type", event.path("type").asText(null));
        line.put("timestamp", message.timestamp().getEpochSecond());
        return line;
    }

    /**
     * The Standard Webhooks scheme with the keys of {@link #STANDARD_SECRET_ENV} and {@link
     * #STANDARD_PUBLIC_KEY_ENV}, or null when neither is set.
     *
     * @throws UsageException if a key is malformed (the message names the variable, never the key)
     */
    @Nullable
    static StandardWebhooksScheme<JsonNode> standardScheme(Console console) {
        List<String> secrets = secretsFrom(console, STANDARD_SECRET_ENV, s -> s);
        List<String> publicKeys = secretsFrom(console, STANDARD_PUBLIC_KEY_ENV, s -> s);
        if (secrets.isEmpty() && publicKeys.isEmpty()) {
            return null;
        }
        StandardWebhooksScheme.Builder<JsonNode> scheme = StandardWebhooksScheme.builder(JsonNode.class);
        addKeys(secrets, scheme::secret, STANDARD_SECRET_ENV);
        addKeys(publicKeys, scheme::publicKey, STANDARD_PUBLIC_KEY_ENV);
        return scheme.build();
    }

    /**
     * Gives each key, read from {@code variable}, to {@code add}.
     *
     * @throws UsageException if {@code add} refuses a key (the message names the variable, never the key)
     */
    static void addKeys(List<String> keys, Consumer<String> add, String variable) {
        try {
            keys.forEach(add);
        } catch (IllegalArgumentException e) {
            throw new UsageException(variable + ": " + e.getMessage());
        }
    }

    /** The secrets in {@code variable} and its previous; see {@link Console#secretsFrom}. */
    static <S> List<S> secretsFrom(Console console, String variable, Function<String, S> secret) {
        return console.secretsFrom(variable, secret);
    }

    /** Gives a second scheme's receiver duplicate guards in tables of its own ({@code prefix}), migrated first. */
    private static void useTablesOf(WebhookReceiver.Builder<?> receiver, DataSource dataSource, String prefix) {
        JdbiStores.migrate(dataSource, prefix);
        JdbiStores stores = JdbiStores.builder(dataSource).tablePrefix(prefix).build();
        receiver.replayStore(stores.replayStore()).idempotencyStore(stores.idempotencyStore());
    }

    /** Says whether an optional endpoint is served: where and how it checks requests, or why not. */
    private static void printOptional(
            Console console, boolean served, URI root, String path, String check, String whyNot) {
        console.err()
                .println(
                        served
                                ? "receive: also serving POST " + root.resolve(path) + " (" + check + ")"
                                : "receive: not serving POST " + path + ": " + whyNot);
    }
}
