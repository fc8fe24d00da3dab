package com.webriskops.webhooks.samples;

import com.webriskops.webhooks.dashboard.DashboardAudit;
import com.webriskops.webhooks.dashboard.DashboardAuthenticator;
import com.webriskops.webhooks.dashboard.DashboardServlet;
import com.webriskops.webhooks.dashboard.DashboardUser;
import com.webriskops.webhooks.jaxrs.api.ApiAuthorisation;
import com.webriskops.webhooks.jaxrs.api.ApiAuthoriser;
import com.webriskops.webhooks.jaxrs.api.ApiCall;
import com.webriskops.webhooks.jaxrs.api.BearerTokenAuthoriser;
import com.webriskops.webhooks.jaxrs.api.TicketExportApiFeature;
import com.webriskops.webhooks.jdbi.JdbiStores;
import com.webriskops.webhooks.payload.ProviderKey;
import com.webriskops.webhooks.samples.apps.EmbeddedSenderApp;
import com.webriskops.webhooks.sender.WebhookSender;
import com.webriskops.webhooks.sender.outbox.Dispatcher;
import com.webriskops.webhooks.sender.spi.CredentialStore;
import com.webriskops.webhooks.sender.spi.TargetStore.StoredTarget;
import com.webriskops.webhooks.sender.target.Cidr;
import com.webriskops.webhooks.sender.target.ExportTarget;
import com.webriskops.webhooks.signing.WebhookSecret;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;

/** {@code serve-api}: serves the ticket-export API on a JDBI store, with a dispatcher, until stopped. */
final class ServeApiCommand extends Command {
    /** The environment variable holding the API's bearer token. */
    static final String TOKEN_ENV = "WEBRISKOPS_API_TOKEN";

    /** The environment variable holding several callers: {@code name:token[:read-only],...}. */
    static final String TOKENS_ENV = "WEBRISKOPS_API_TOKENS";

    /** The caller {@link #TOKEN_ENV} alone names. */
    static final String SINGLE_CALLER = "automation";

    private static final String READ_ONLY_SUFFIX = ":read-only";
    private static final Pattern CALLER_NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");
    private static final int MAX_CALLERS = 64;

    /** The store used unless {@code --store} names another: H2 in this JVM's memory. */
    static final String DEFAULT_STORE = "jdbc:h2:mem:serve-api;DB_CLOSE_DELAY=-1";

    ServeApiCommand() {
        super(
                "serve-api",
                "serve the ticket-export API (targets, approve, status, retry, fallback) and deliver approved exports",
                "--port N [--store JDBC_URL] [--local-target URL] [--private-networks CIDRS]",
                "Serves the ticket-export API on 127.0.0.1 (Jersey on embedded Jetty), behind\n"
                        + "Authorization: Bearer $" + TOKEN_ENV
                        + ", and runs a dispatcher that delivers approved exports:\n"
                        + "  POST   /api/ticket-export-targets                 create a target (signing_secret is stored as\n"
                        + "                                                    its credential, in memory, never echoed)\n"
                        + "  GET    /api/ticket-export-targets[/{id}]          list or read targets\n"
                        + "  POST   /api/ticket-export-targets/{id}/disable    disable; DELETE /{id} deletes\n"
                        + "  PUT    /api/ticket-export-targets/{id}/credential set or rotate the signing secret (204)\n"
                        + "  POST   /api/ticket-exports/{id}/approve           approve for {\"target_id\":...} (202)\n"
                        + "  GET    /api/ticket-exports/{id}                   the status view (poll until exported, blocked,\n"
                        + "                                                    failed or retry_scheduled)\n"
                        + "  POST   /api/ticket-exports/{id}/retry             send a blocked or failed export again\n"
                        + "  GET    /api/ticket-exports/{id}/fallback?format=csv|md|json  portable fallback\n"
                        + "Every export id (such as example-export-id) is prepared as the documents' example ticket.\n"
                        + "Create, approve and retry honour Idempotency-Key.\n"
                        + "  /dashboard/                                       the operator dashboard: sign in with the same\n"
                        + "                                                    token (a session cookie, never a URL)\n"
                        + "Ctrl-C stops it cleanly.\n\n"
                        + "  --port N                 the port (0 for a free one; the URL is printed on stderr)\n"
                        + "  --store S                a JDBC URL (PostgreSQL, MariaDB, H2; default H2 in memory);\n"
                        + "                           the migrations run on first use\n"
                        + "  --local-target URL       creates, for every caller that may write, a self-hosted target on\n"
                        + "                           this loopback URL (http://127.0.0.1:PORT/path), signed with\n"
                        + "                           $" + Console.SECRET_ENV
                        + " when set; the ids are printed on stderr.\n"
                        + "                           Callers can never open loopback through the API themselves.\n"
                        + "  --private-networks C     comma-separated CIDRs callers may open for self-hosted targets\n"
                        + "                           (such as 10.20.0.0/16; default none); loopback, link-local and\n"
                        + "                           cloud metadata addresses stay closed\n\n"
                        + "Secrets: " + TOKEN_ENV + " (the bearer token, at least 16 characters), or " + TOKENS_ENV
                        + "\n"
                        + "(several callers: name:token entries separated by commas, a :read-only suffix for read-only\n"
                        + "callers). Each caller owns its targets and exports and sees no other caller's (404).\n");
    }

    @Override
    public Set<String> options() {
        return Set.of("port", "store", "local-target", "private-networks");
    }

    @Override
    public int run(Args args, Console console) throws Exception {
        int port = args.port();
        List<String> writers = new ArrayList<>();
        BearerTokenAuthoriser authoriser =
                authoriser(console.env().get(TOKEN_ENV), console.env().get(TOKENS_ENV), writers);
        List<Cidr> privateNetworks = cidrs(args.optional("private-networks"));
        ExportTarget localTarget = localTarget(args.optional("local-target"));
        List<WebhookSecret> localSecrets = localSecrets(console.env().get(Console.SECRET_ENV));
        String store = args.optional("store") == null ? DEFAULT_STORE : args.optional("store");
        DataSource dataSource = Databases.open(store);
        JdbiStores stores = JdbiStores.create(dataSource);
        CredentialStore credentials = CredentialStore.inMemory();
        if (localTarget != null) {
            // The application's own decision, written through its store: target and secret as one unit.
            for (String owner : writers) {
                StoredTarget stored = stores.targetStore().create(owner, localTarget, Instant.now(), created -> {
                    if (!localSecrets.isEmpty()) {
                        credentials.setSigningSecrets(created.id(), localSecrets);
                    }
                });
                console.err()
                        .println("serve-api: local target " + stored.id() + " for " + owner + ": "
                                + localTarget.baseUrl() + (localSecrets.isEmpty() ? " (secret_missing)" : " (signed)"));
            }
        }
        try (ShutdownSignal signal = new ShutdownSignal("serve-api-shutdown", Duration.ofSeconds(30));
                Dispatcher dispatcher = Dispatcher.builder()
                        .store(stores.deliveryStore())
                        .sender(WebhookSender.builder().build())
                        .targets(stores.targetStore().lookup(credentials))
                        .build()) {
            dispatcher.start();
            ResourceConfig app = new ResourceConfig()
                    .register(TicketExportApiFeature.builder()
                            .targetStore(stores.targetStore())
                            .credentials(credentials)
                            // Every owner has its own copy of every example export.
                            .preparedExports((owner, exportId) -> EmbeddedSenderApp.exampleExport(
                                    owner.equals(SINGLE_CALLER)
                                            ? "serve-api-" + exportId
                                            : "serve-api-" + owner + "-" + exportId))
                            .deliveryStore(stores.deliveryStore())
                            .authoriser(authoriser)
                            .allowPrivateNetworks(privateNetworks)
                            .idempotencyStore(stores.idempotentResponseStore())
                            .onEnqueue(dispatcher::wakeUp)
                            .build())
                    .property("jersey.config.server.wadl.disableWadl", true);
            // tag::dashboard[]
            DashboardServlet dashboard = DashboardServlet.builder()
                    .deliveryStore(stores.deliveryStore())
                    .targetStore(stores.targetStore())
                    .credentials(credentials)
                    .authenticator(dashboardSignIn(authoriser))
                    .audit(DashboardAudit.jdbc(dataSource))
                    .onChange(dispatcher::wakeUp) // "retry now" is sent at once
                    .build();
            // end::dashboard[]
            Server server = new Server();
            ServerConnector connector = new ServerConnector(server);
            connector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
            connector.setPort(port);
            server.addConnector(connector);
            ServletContextHandler context = new ServletContextHandler("/");
            context.addServlet(new ServletHolder(new ServletContainer(app)), "/*");
            // tag::dashboard[]
            context.addServlet(new ServletHolder(dashboard), "/dashboard/*");
            // end::dashboard[]
            server.setHandler(context);
            server.start();
            console.err()
                    .println("serve-api: listening on http://127.0.0.1:"
                            + connector.getLocalPort() + "/api/ (store " + Databases.redact(store)
                            + "; operator dashboard at /dashboard/); Ctrl-C stops");
            try {
                signal.await();
            } finally {
                server.stop();
            }
        }
        console.err().println("serve-api: stopped");
        return Main.OK;
    }

    /**
     * The callers: {@code tokens} ({@code name:token[:read-only]} entries separated by commas) when
     * set, else the one caller {@value #SINGLE_CALLER} with {@code token}. Messages never quote a token.
     */
    static BearerTokenAuthoriser authoriser(String token, String tokens) throws UsageException {
        return authoriser(token, tokens, new ArrayList<>());
    }

    /** {@link #authoriser(String, String)}, adding the names of the callers that may write to {@code writers}. */
    static BearerTokenAuthoriser authoriser(String token, String tokens, List<String> writers) throws UsageException {
        BearerTokenAuthoriser.Builder builder = BearerTokenAuthoriser.builder();
        if (tokens != null && !tokens.isBlank()) {
            String[] entries = tokens.split(",", -1);
            if (entries.length > MAX_CALLERS) {
                throw new UsageException(TOKENS_ENV + " holds more than " + MAX_CALLERS + " callers");
            }
            Set<String> names = new HashSet<>();
            for (int i = 0; i < entries.length; i++) {
                String entry = entries[i].strip();
                boolean readOnly = entry.endsWith(READ_ONLY_SUFFIX);
                if (readOnly) {
                    entry = entry.substring(0, entry.length() - READ_ONLY_SUFFIX.length());
                }
                int colon = entry.indexOf(':');
                String name = colon < 0 ? "" : entry.substring(0, colon);
                String secret = colon < 0 ? "" : entry.substring(colon + 1);
                String where = TOKENS_ENV + " entry " + (i + 1);
                if (!CALLER_NAME.matcher(name).matches() || secret.isEmpty()) {
                    throw new UsageException(where + " must read name:token or name:token:read-only (a name of"
                            + " letters, digits, '_', '.', '-')");
                }
                if (!names.add(name)) {
                    throw new UsageException(where + " repeats the caller " + name);
                }
                try {
                    if (readOnly) {
                        builder.readOnlyToken(secret, name);
                    } else {
                        builder.token(secret, name);
                        writers.add(name);
                    }
                } catch (IllegalArgumentException e) {
                    throw new UsageException(where + " (" + name + "): " + e.getMessage());
                }
            }
            return builder.build();
        }
        if (token == null || token.isBlank()) {
            throw new UsageException(
                    TOKEN_ENV + " must hold the API's bearer token (or " + TOKENS_ENV + " several callers)");
        }
        try {
            writers.add(SINGLE_CALLER);
            return builder.token(token, SINGLE_CALLER).build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(TOKEN_ENV + ": " + e.getMessage());
        }
    }

    /** The CIDRs of {@code --private-networks}; none when absent. */
    static List<Cidr> cidrs(String text) throws UsageException {
        List<Cidr> cidrs = new ArrayList<>();
        if (text == null) {
            return cidrs;
        }
        String[] entries = text.split(",", MAX_CALLERS + 1);
        if (entries.length > MAX_CALLERS) {
            throw new UsageException("--private-networks holds more than " + MAX_CALLERS + " ranges");
        }
        for (String entry : entries) {
            try {
                cidrs.add(Cidr.parse(entry.strip()));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--private-networks: " + e.getMessage());
            }
        }
        return cidrs;
    }

    /** The target of {@code --local-target}: a self-hosted target opened to exactly its loopback host; null when absent. */
    static ExportTarget localTarget(String url) throws UsageException {
        if (url == null) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new UsageException("--local-target must be a URL such as http://127.0.0.1:8080/webhooks");
        }
        String host = uri.getHost() == null ? "" : uri.getHost();
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        Cidr entry;
        try {
            entry = Cidr.parse(bare);
        } catch (IllegalArgumentException e) {
            entry = null;
        }
        if (entry == null
                || !(entry.within(Cidr.parse("127.0.0.0/8")) || entry.within(Cidr.parse("::1/128")))
                || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new UsageException(
                    "--local-target must be an http(s) URL on a loopback address, such as http://127.0.0.1:8080/webhooks");
        }
        return ExportTarget.builder()
                .providerKey(ProviderKey.GENERIC_WEBHOOK)
                .baseUrl(url)
                .deploymentMode(ExportTarget.DeploymentMode.SELF_HOSTED)
                .name("Local receiver")
                .privateNetworkPolicy(ExportTarget.PrivateNetworkPolicy.ALLOWLIST)
                .privateNetworkAllowlist(List.of(entry))
                .build();
    }

    /** The local target's secret from {@link Console#SECRET_ENV}, byte for byte; none when unset. */
    private static List<WebhookSecret> localSecrets(String secret) throws UsageException {
        if (secret == null || secret.isEmpty()) {
            return List.of();
        }
        if (secret.length() < 16) {
            throw new UsageException(Console.SECRET_ENV + " must hold at least 16 characters");
        }
        return List.of(WebhookSecret.of(secret));
    }

    /**
     * The dashboard's sign-in: the same bearer tokens as the API, checked by the API's authoriser; the
     * caller's name is its owner (as the API's default owner resolver has it), and a read-only token
     * signs in read-only.
     */
    static DashboardAuthenticator dashboardSignIn(ApiAuthoriser authoriser) {
        return token -> {
            ApiAuthorisation act = authoriser.authorise(new ApiCall("POST", "dashboard", "Bearer " + token));
            if (act.outcome() == ApiAuthorisation.Outcome.ALLOWED) {
                return new DashboardUser(act.principal(), act.principal(), true);
            }
            ApiAuthorisation read = authoriser.authorise(new ApiCall("GET", "dashboard", "Bearer " + token));
            if (read.outcome() == ApiAuthorisation.Outcome.ALLOWED) {
                return new DashboardUser(read.principal(), read.principal(), false);
            }
            return null;
        };
    }
}
