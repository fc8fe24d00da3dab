package com.webriskops.webhooks.samples;

import com.sun.net.httpserver.HttpServer;
import com.webriskops.webhooks.idempotency.IdempotentRequests;
import com.webriskops.webhooks.idempotency.IdempotentRequests.KeyScopeResolver;
import com.webriskops.webhooks.jaxrs.api.BearerTokenAuthoriser;
import com.webriskops.webhooks.jaxrs.api.TicketExportApiFeature;
import com.webriskops.webhooks.jdbi.JdbiStores;
import com.webriskops.webhooks.samples.apps.EmbeddedSenderApp;
import com.webriskops.webhooks.sender.WebhookSender;
import com.webriskops.webhooks.sender.outbox.Dispatcher;
import com.webriskops.webhooks.sender.spi.CredentialStore;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.glassfish.jersey.jdkhttp.JdkHttpHandlerContainer;
import org.glassfish.jersey.server.ContainerFactory;
import org.glassfish.jersey.server.ResourceConfig;

/** {@code serve-api}: serves the ticket-export API on a JDBI store, with a dispatcher, until stopped. */
final class ServeApiCommand implements Command {
    /** The environment variable holding the API's bearer token. */
    static final String TOKEN_ENV = "WEBRISKOPS_API_TOKEN";

    /** The store used unless {@code --store} names another: H2 in this JVM's memory. */
    static final String DEFAULT_STORE = "jdbc:h2:mem:serve-api;DB_CLOSE_DELAY=-1";

    @Override
    public String name() {
        return "serve-api";
    }

    @Override
    public String summary() {
        return "serve the ticket-export API (targets, approve, status, retry, fallback) and deliver approved exports";
    }

    @Override
    public String help() {
        return Main.usage("serve-api", "--port N [--store JDBC_URL]")
                + "Serves the ticket-export API on 127.0.0.1 (Jersey on the JDK HTTP server), behind\n"
                + "Authorization: Bearer $" + TOKEN_ENV + ", and runs a dispatcher that delivers approved exports:\n"
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
                + "Create, approve and retry honour Idempotency-Key. Ctrl-C stops it cleanly.\n\n"
                + "  --port N                 the port (0 for a free one; the URL is printed on stderr)\n"
                + "  --store S                a JDBC URL (PostgreSQL, MariaDB, H2; default H2 in memory);\n"
                + "                           the migrations run on first use\n\n"
                + "Secrets: " + TOKEN_ENV + " (the bearer token, at least 16 characters; required).\n";
    }

    @Override
    public Set<String> options() {
        return Set.of("port", "store");
    }

    @Override
    public int run(Args args, Console console) throws Exception {
        int port = args.integer("port", -1, 0, 65_535);
        if (port < 0) {
            throw new UsageException("--port is required");
        }
        String token = console.env().get(TOKEN_ENV);
        if (token == null || token.isBlank()) {
            throw new UsageException(TOKEN_ENV + " must hold the API's bearer token");
        }
        BearerTokenAuthoriser authoriser;
        try {
            authoriser =
                    BearerTokenAuthoriser.builder().token(token, "automation").build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(TOKEN_ENV + ": " + e.getMessage());
        }
        String store = args.optional("store") == null ? DEFAULT_STORE : args.optional("store");
        DataSource dataSource = Databases.open(store);
        JdbiStores stores = JdbiStores.create(dataSource);
        CredentialStore credentials = CredentialStore.inMemory();
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    stop.countDown();
                    awaitQuietly(stopped);
                },
                "serve-api-shutdown");
        try (Dispatcher dispatcher = Dispatcher.builder()
                .store(stores.deliveryStore())
                .sender(WebhookSender.builder().build())
                .targets(stores.targetStore().lookup(credentials))
                .build()) {
            dispatcher.start();
            ResourceConfig app = new ResourceConfig()
                    .register(TicketExportApiFeature.builder()
                            .targetStore(stores.targetStore())
                            .credentials(credentials)
                            .preparedExports(exportId -> EmbeddedSenderApp.exampleExport("serve-api-" + exportId))
                            .deliveryStore(stores.deliveryStore())
                            .authoriser(authoriser)
                            .idempotentRequests(IdempotentRequests.builder()
                                    .store(stores.idempotentResponseStore())
                                    .keyScopeResolver(KeyScopeResolver.principalName())
                                    .build())
                            .onEnqueue(dispatcher::wakeUp)
                            .build())
                    .property("jersey.config.server.wadl.disableWadl", true);
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            ExecutorService threads = Executors.newCachedThreadPool();
            server.setExecutor(threads);
            JdkHttpHandlerContainer container = ContainerFactory.createContainer(JdkHttpHandlerContainer.class, app);
            server.createContext("/", container);
            server.start();
            Runtime.getRuntime().addShutdownHook(hook);
            console.err()
                    .println("serve-api: listening on http://127.0.0.1:"
                            + server.getAddress().getPort() + "/api/ (store " + Databases.redact(store)
                            + "); Ctrl-C stops");
            boolean interrupted = false;
            try {
                stop.await();
            } catch (InterruptedException e) {
                interrupted = true; // stopped from inside the JVM (tests, embedding)
            } finally {
                server.stop(0);
                container.getApplicationHandler().onShutdown(container);
                threads.shutdownNow();
                threads.awaitTermination(10, TimeUnit.SECONDS);
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        } finally {
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException | IllegalArgumentException e) {
                // the JVM is shutting down (the hook is running), or the hook was never added
            }
        }
        console.err().println("serve-api: stopped");
        return Main.OK;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
