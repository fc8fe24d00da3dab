package com.webriskops.webhooks.samples.apps;

import com.webriskops.webhooks.payload.TicketExportWebhook;
import com.webriskops.webhooks.receiver.VerifiedDelivery;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.servlet.IdempotencyFilter;
import com.webriskops.webhooks.servlet.SharedSecretFilter;
import com.webriskops.webhooks.servlet.WebRiskOpsWebhookFilter;
import com.webriskops.webhooks.signing.WebhookSecret;
import jakarta.annotation.Nullable;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * Example app: the kit's servlet filter in embedded Jetty 12 (ee10), registered from code. {@code
 * java -cp webriskops-webhooks-samples.jar com.webriskops.webhooks.samples.apps.ServletReceiverApp
 * [PORT]} with {@code WEBRISKOPS_WEBHOOK_SECRET} set.
 */
public final class ServletReceiverApp {
    private ServletReceiverApp() {}

    /**
     * Serves {@code POST /webhooks/webriskops} on {@code 127.0.0.1:port} (0 for a free port):
     * {@link WebRiskOpsWebhookFilter} on {@code /webhooks/webriskops} in front of {@link TicketExportServlet}.
     *
     * @throws Exception if Jetty does not start
     */
    public static RunningServer start(
            WebhookReceiver<TicketExportWebhook> receiver, int port, Consumer<VerifiedDelivery<?>> handler)
            throws Exception {
        return start(receiver, port, handler, null, null, null);
    }

    /**
     * Serves {@code POST /webhooks/webriskops} as {@link #start(WebhookReceiver, int, Consumer)} does and,
     * when given, {@code POST /api/scanner/results} ({@link SharedSecretFilter}, then {@link
     * IdempotencyFilter}, in front of {@link ScannerResultsServlet}), {@code POST /webhooks/vicket} and
     * {@code POST /webhooks/standard} (each behind a {@link WebRiskOpsWebhookFilter} of its own, built for
     * its scheme, on that path only, in front of {@link VerifiedDeliveryServlet}). Filters are mapped per
     * URL pattern, so each path gets its own receiver.
     *
     * @param scanner the scanner postback, or null not to serve it
     * @param vicket the Vicket webhook, or null not to serve it
     * @param standard the Standard Webhooks endpoint, or null not to serve it
     * @throws Exception if Jetty does not start
     */
    public static RunningServer start(
            WebhookReceiver<?> receiver,
            int port,
            Consumer<VerifiedDelivery<?>> handler,
            @Nullable ScannerEndpoint scanner,
            @Nullable VicketEndpoint vicket,
            @Nullable StandardWebhooksEndpoint standard)
            throws Exception {
        ServletContextHandler context = new ServletContextHandler("/");
        EnumSet<DispatcherType> requests = EnumSet.of(DispatcherType.REQUEST);
        FilterHolder webhooks = new FilterHolder(new WebRiskOpsWebhookFilter(receiver));
        webhooks.setAsyncSupported(true);
        context.addFilter(webhooks, "/webhooks/webriskops", requests);
        context.addServlet(new ServletHolder(new TicketExportServlet(handler)), "/webhooks/webriskops");
        if (scanner != null) {
            FilterHolder secret = new FilterHolder(new SharedSecretFilter(scanner.secretCheck()));
            secret.setAsyncSupported(true);
            context.addFilter(secret, ScannerEndpoint.PATH, requests); // first: a refused request claims no key
            FilterHolder idempotency = new FilterHolder(new IdempotencyFilter(scanner.idempotency()));
            idempotency.setAsyncSupported(true);
            context.addFilter(idempotency, ScannerEndpoint.PATH, requests);
            context.addServlet(new ServletHolder(new ScannerResultsServlet(scanner.handler())), ScannerEndpoint.PATH);
        }
        if (vicket != null) {
            addScheme(context, VicketEndpoint.PATH, vicket.receiver(), vicket.handler());
        }
        if (standard != null) {
            addScheme(context, StandardWebhooksEndpoint.PATH, standard.receiver(), standard.handler());
        }
        return LoopbackJetty.start(port, context);
    }

    /** One more scheme's receiver: its own filter on {@code path} only, in front of the servlet there. */
    private static void addScheme(
            ServletContextHandler context,
            String path,
            WebhookReceiver<?> receiver,
            Consumer<VerifiedDelivery<?>> handler) {
        FilterHolder filter = new FilterHolder(new WebRiskOpsWebhookFilter(receiver));
        filter.setAsyncSupported(true);
        context.addFilter(filter, path, EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new VerifiedDeliveryServlet(handler)), path);
    }

    /**
     * Runs the example until the JVM stops.
     *
     * @param args optionally the port (default 8080)
     * @throws Exception if Jetty does not start
     */
    public static void main(String[] args) throws Exception {
        WebhookReceiver<TicketExportWebhook> receiver = WebhookReceiver.builder()
                .secrets(WebhookSecret.of(System.getenv("WEBRISKOPS_WEBHOOK_SECRET")))
                .build();
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        RunningServer server = start(
                receiver,
                port,
                delivery -> System.out.println("ticket "
                        + delivery.payload(TicketExportWebhook.class)
                                .ticketExport()
                                .title() + ", export " + delivery.idempotencyKey()));
        System.out.println("Listening on " + server.endpoint()); // Jetty's threads keep the JVM running
    }
}
