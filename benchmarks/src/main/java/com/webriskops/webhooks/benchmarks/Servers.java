package com.webriskops.webhooks.benchmarks;

import com.webriskops.webhooks.jaxrs.VerifiedWebhook;
import com.webriskops.webhooks.jaxrs.WebRiskOpsWebhookFeature;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.servlet.WebRiskOpsWebhookFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;

/**
 * The B3 servers: one application with the same trivial resource twice, at {@code /hook} behind the
 * kit (JAX-RS feature or servlet filter) and at {@code /plain} without it.
 */
final class Servers {
    private Servers() {}

    /** A started server; {@link #close} stops it. */
    interface Running extends AutoCloseable {
        URI base();

        @Override
        void close();
    }

    /** Stops a server; it may fail. */
    private interface Stop {
        void run() throws Exception;
    }

    /** A server at {@code base} that {@code stop} stops, its failure to stop reported as {@code name}'s. */
    private static Running running(URI base, String name, Stop stop) {
        return new Running() {
            @Override
            public URI base() {
                return base;
            }

            @Override
            public void close() {
                try {
                    stop.run();
                } catch (Exception e) {
                    throw new IllegalStateException(name + " did not stop", e);
                }
            }
        };
    }

    /**
     * Jersey as a Jersey user deploys it on Jetty: its servlet container ({@code
     * jersey-container-servlet-core}) in the same Jetty 12 (ee10) server as {@link #jetty}, so the two
     * adapters are measured on one production container.
     */
    static Running jersey(WebhookReceiver<?> receiver) throws Exception {
        ResourceConfig app = new ResourceConfig()
                .register(WebRiskOpsWebhookFeature.of(receiver))
                .register(new JaxrsResource())
                .property("jersey.config.server.wadl.disableWadl", true);
        return jettyWith(context -> context.addServlet(new ServletHolder(new ServletContainer(app)), "/*"), "Jersey");
    }

    static Running jetty(WebhookReceiver<?> receiver) throws Exception {
        return jettyWith(
                context -> {
                    context.addFilter(
                            new FilterHolder(new WebRiskOpsWebhookFilter(receiver)),
                            "/hook/*",
                            EnumSet.of(DispatcherType.REQUEST));
                    context.addServlet(new ServletHolder(new OkServlet()), "/hook/*");
                    context.addServlet(new ServletHolder(new OkServlet()), "/plain/*");
                },
                "Jetty");
    }

    /** A Jetty 12 server on a free loopback port, its default thread pool, one servlet context at {@code /}. */
    private static Running jettyWith(java.util.function.Consumer<ServletContextHandler> setUp, String name)
            throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        setUp.accept(context);
        server.setHandler(context);
        server.start();
        URI base = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/");
        return running(base, name, server::stop);
    }

    /** The JAX-RS resource: reads the body, answers 200 "ok". */
    @Path("/")
    public static final class JaxrsResource {
        /** Behind the kit. */
        @POST
        @Path("hook")
        @VerifiedWebhook
        @Consumes(MediaType.APPLICATION_JSON)
        public Response hook(byte[] body) {
            return Response.ok(body.length > 0 ? "ok" : "empty").build();
        }

        /** The same, without the kit. */
        @POST
        @Path("plain")
        @Consumes(MediaType.APPLICATION_JSON)
        public Response plain(byte[] body) {
            return Response.ok(body.length > 0 ? "ok" : "empty").build();
        }
    }

    /** The servlet: reads the body, answers 200 "ok". */
    static final class OkServlet extends HttpServlet {
        private static final byte[] OK = "ok".getBytes(StandardCharsets.US_ASCII);

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            request.getInputStream().readAllBytes();
            response.setStatus(200);
            response.setContentType("text/plain");
            response.setContentLength(OK.length);
            response.getOutputStream().write(OK);
        }
    }
}
