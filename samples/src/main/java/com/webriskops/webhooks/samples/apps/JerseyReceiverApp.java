package com.webriskops.webhooks.samples.apps;

import com.sun.net.httpserver.HttpServer;
import com.webriskops.webhooks.jaxrs.IdempotentApiFeature;
import com.webriskops.webhooks.jaxrs.WebRiskOpsWebhookFeature;
import com.webriskops.webhooks.payload.TicketExportWebhook;
import com.webriskops.webhooks.receiver.VerifiedDelivery;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.signing.WebhookSecret;
import jakarta.annotation.Nullable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.glassfish.jersey.jdkhttp.JdkHttpHandlerContainer;
import org.glassfish.jersey.server.ContainerFactory;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * Example app: a Jersey 3.1 receiver on the JDK's built-in HTTP server ({@code
 * jersey-container-jdk-http}); no servlet container needed. {@code java -cp webriskops-webhooks-samples.jar
 * com.webriskops.webhooks.samples.apps.JerseyReceiverApp [PORT]} with {@code WEBRISKOPS_WEBHOOK_SECRET}
 * set.
 */
public final class JerseyReceiverApp {
    private JerseyReceiverApp() {}

    /**
     * Serves {@code POST /webhooks/webriskops} on {@code 127.0.0.1:port} (0 for a free port) with the
     * kit's JAX-RS feature in front of {@link TicketExportResource}.
     *
     * @throws IOException if the port cannot be opened
     */
    public static RunningServer start(
            WebhookReceiver<TicketExportWebhook> receiver, int port, Consumer<VerifiedDelivery<?>> handler)
            throws IOException {
        return start(receiver, port, handler, null, null);
    }

    /**
     * Serves {@code POST /webhooks/webriskops} as {@link #start(WebhookReceiver, int, Consumer)} does and,
     * when given, {@code POST /api/scanner/results} ({@link IdempotentApiFeature} in front of {@link
     * ScannerResultsResource}, in the same JAX-RS application) and {@code POST /webhooks/vicket}. The
     * feature binds one receiver per JAX-RS application, so the Vicket receiver gets a second Jersey
     * application on the same JDK HTTP server, in the context {@code /webhooks/vicket}.
     *
     * @param scanner the scanner postback, or null not to serve it
     * @param vicket the Vicket webhook, or null not to serve it
     * @throws IOException if the port cannot be opened
     */
    public static RunningServer start(
            WebhookReceiver<TicketExportWebhook> receiver,
            int port,
            Consumer<VerifiedDelivery<?>> handler,
            @Nullable ScannerEndpoint scanner,
            @Nullable VicketEndpoint vicket)
            throws IOException {
        return start(receiver, port, handler, scanner, vicket, null);
    }

    /**
     * Serves what {@link #start(WebhookReceiver, int, Consumer, ScannerEndpoint, VicketEndpoint)} does
     * and, when given, {@code POST /webhooks/standard}: a receiver built for the Standard Webhooks
     * scheme, like the Vicket one in a JAX-RS application of its own, in the context {@code /webhooks/standard}.
     *
     * @param standard the Standard Webhooks endpoint, or null not to serve it
     * @throws IOException if the server does not start
     */
    public static RunningServer start(
            WebhookReceiver<?> receiver,
            int port,
            Consumer<VerifiedDelivery<?>> handler,
            @Nullable ScannerEndpoint scanner,
            @Nullable VicketEndpoint vicket,
            @Nullable StandardWebhooksEndpoint standard)
            throws IOException {
        ResourceConfig app = new ResourceConfig()
                .register(WebRiskOpsWebhookFeature.of(receiver))
                .register(new TicketExportResource(handler))
                .property("jersey.config.server.wadl.disableWadl", true);
        if (scanner != null) {
            app.register(IdempotentApiFeature.builder()
                            .sharedSecretCheck(scanner.secretCheck())
                            .idempotentRequests(scanner.idempotency())
                            .build())
                    .register(new ScannerResultsResource(scanner.handler()));
        }
        List<JdkHttpHandlerContainer> containers = new ArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        // Our own executor, so stopping the server also ends its threads.
        ExecutorService threads = Executors.newCachedThreadPool();
        server.setExecutor(threads);
        containers.add(ContainerFactory.createContainer(JdkHttpHandlerContainer.class, app));
        server.createContext("/", containers.get(0));
        if (vicket != null) {
            ResourceConfig vicketApp = new ResourceConfig()
                    .register(WebRiskOpsWebhookFeature.of(vicket.receiver()))
                    .register(new VicketResource(vicket.handler()))
                    .property("jersey.config.server.wadl.disableWadl", true);
            containers.add(ContainerFactory.createContainer(JdkHttpHandlerContainer.class, vicketApp));
            server.createContext(VicketEndpoint.PATH, containers.get(1));
        }
        if (standard != null) {
            ResourceConfig standardApp = new ResourceConfig()
                    .register(WebRiskOpsWebhookFeature.of(standard.receiver()))
                    .register(new StandardWebhooksResource(standard.handler()))
                    .property("jersey.config.server.wadl.disableWadl", true);
            JdkHttpHandlerContainer container =
                    ContainerFactory.createContainer(JdkHttpHandlerContainer.class, standardApp);
            containers.add(container);
            server.createContext(StandardWebhooksEndpoint.PATH, container);
        }
        server.start();
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/webriskops");
        return new RunningServer(endpoint, () -> {
            server.stop(0);
            containers.forEach(jersey -> jersey.getApplicationHandler().onShutdown(jersey));
            threads.shutdownNow();
            threads.awaitTermination(10, TimeUnit.SECONDS);
        });
    }

    /**
     * Runs the example until the JVM stops.
     *
     * @param args optionally the port (default 8080)
     * @throws Exception if the server does not start
     */
    public static void main(String[] args) throws Exception {
        WebhookReceiver<TicketExportWebhook> receiver = WebhookReceiver.builder()
                .secrets(WebhookSecret.of(System.getenv("WEBRISKOPS_WEBHOOK_SECRET")))
                .build();
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        RunningServer server = start(
                receiver,
                port,
                delivery -> System.out.printf(
                        "ticket %s, export %s, attempt %d%n",
                        delivery.payload(TicketExportWebhook.class)
                                .ticketExport()
                                .title(),
                        delivery.idempotencyKey(),
                        delivery.attempt()));
        System.out.println("Listening on " + server.endpoint());
        new CountDownLatch(1).await();
    }
}
