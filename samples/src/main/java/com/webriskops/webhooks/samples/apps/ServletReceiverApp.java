package com.webriskops.webhooks.samples.apps;

import com.webriskops.webhooks.receiver.VerifiedDelivery;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.servlet.WebRiskOpsWebhookFilter;
import com.webriskops.webhooks.signing.WebhookSecret;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.util.EnumSet;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Example app: the kit's servlet filter in embedded Jetty 12 (ee10), registered from code. {@code
 * java -cp webriskops-webhooks-samples.jar com.webriskops.webhooks.samples.apps.ServletReceiverApp
 * [PORT]} with {@code WEBRISKOPS_WEBHOOK_SECRET} set.
 */
public final class ServletReceiverApp {
    private ServletReceiverApp() {}

    /**
     * Serves {@code POST /webhooks/webriskops} on {@code 127.0.0.1:port} (0 for a free port):
     * {@link WebRiskOpsWebhookFilter} on {@code /webhooks/*} in front of {@link TicketExportServlet}.
     *
     * @throws Exception if Jetty does not start
     */
    public static RunningServer start(WebhookReceiver receiver, int port, Consumer<VerifiedDelivery> handler)
            throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler("/");
        FilterHolder webhooks = new FilterHolder(new WebRiskOpsWebhookFilter(receiver));
        webhooks.setAsyncSupported(true);
        context.addFilter(webhooks, "/webhooks/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new TicketExportServlet(handler)), "/webhooks/webriskops");
        server.setHandler(context);
        server.start();
        URI endpoint = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/webhooks/webriskops");
        return new RunningServer(endpoint, server::stop);
    }

    /**
     * Runs the example until the JVM stops.
     *
     * @param args optionally the port (default 8080)
     * @throws Exception if Jetty does not start
     */
    public static void main(String[] args) throws Exception {
        WebhookReceiver receiver = WebhookReceiver.builder()
                .secrets(WebhookSecret.of(System.getenv("WEBRISKOPS_WEBHOOK_SECRET")))
                .build();
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        RunningServer server = start(
                receiver,
                port,
                delivery -> System.out.println("ticket "
                        + delivery.webhook().ticketExport().title() + ", export " + delivery.idempotencyKey()));
        System.out.println("Listening on " + server.endpoint()); // Jetty's threads keep the JVM running
    }
}
