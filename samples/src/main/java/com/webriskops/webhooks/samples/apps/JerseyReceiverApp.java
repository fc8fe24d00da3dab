package com.webriskops.webhooks.samples.apps;

import com.webriskops.webhooks.jaxrs.IdempotentApiFeature;
import com.webriskops.webhooks.jaxrs.WebRiskOpsWebhookFeature;
import com.webriskops.webhooks.payload.TicketExportWebhook;
import com.webriskops.webhooks.receiver.VerifiedDelivery;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.signing.WebhookSecret;
import jakarta.annotation.Nullable;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;

/**
 * Example app: a Jersey 3.1 receiver served by embedded Jetty 12 (ee10) through Jersey's servlet
 * container ({@code jersey-container-servlet-core}), as Jersey is deployed on Jetty in production (the
 * JDK's built-in HTTP server stalled near 350 requests/s with or without the kit). {@code java -cp
 * webriskops-webhooks-samples.jar com.webriskops.webhooks.samples.apps.JerseyReceiverApp [PORT]} with
 * {@code WEBRISKOPS_WEBHOOK_SECRET} set.
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
        return start(receiver, port, handler, null, null, null);
    }

    /**
     * Serves {@code POST /webhooks/webriskops} as {@link #start(WebhookReceiver, int, Consumer)} does and,
     * when given, {@code POST /api/scanner/results} ({@link IdempotentApiFeature} in front of {@link
     * ScannerResultsResource}, in the same JAX-RS application), {@code POST /webhooks/vicket} and {@code
     * POST /webhooks/standard}. The feature binds one receiver per JAX-RS application, so the Vicket and
     * Standard Webhooks receivers each get a JAX-RS application of their own (a servlet of its own, in
     * front of {@link VerifiedDeliveryResource}) on the same Jetty server, under their paths.
     *
     * @param scanner the scanner postback, or null not to serve it
     * @param vicket the Vicket webhook, or null not to serve it
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
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(new ServletContainer(app)), "/*");
        if (vicket != null) {
            context.addServlet(schemeApp(vicket.receiver(), vicket.handler()), VicketEndpoint.PATH + "/*");
        }
        if (standard != null) {
            context.addServlet(
                    schemeApp(standard.receiver(), standard.handler()), StandardWebhooksEndpoint.PATH + "/*");
        }
        try {
            return LoopbackJetty.start(port, context);
        } catch (Exception e) {
            throw new IOException("Jetty did not start on port " + port, e);
        }
    }

    /** A JAX-RS application of its own for one more scheme's receiver, served at its path's root. */
    private static ServletHolder schemeApp(WebhookReceiver<?> receiver, Consumer<VerifiedDelivery<?>> handler) {
        ResourceConfig app = new ResourceConfig()
                .register(WebRiskOpsWebhookFeature.of(receiver))
                .register(new VerifiedDeliveryResource(handler))
                .property("jersey.config.server.wadl.disableWadl", true);
        return new ServletHolder(new ServletContainer(app));
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
