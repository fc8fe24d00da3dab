package com.webriskops.webhooks.servlet.testing;

import jakarta.servlet.ServletContainerInitializer;
import java.net.URI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Embedded Jetty 12 on an ephemeral port of the loopback interface. Jetty's server is the same for
 * every EE environment; each environment (ee10, ee11) only says how its root servlet context runs the
 * app, in a subclass.
 */
public abstract class EmbeddedJetty implements ServletContainerUnderTest {
    /**
     * Starts a Jetty server that answers with {@code handler}; the caller closes it. If it does not
     * start, it is stopped again and the failure thrown.
     */
    public static Running start(Handler handler) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(handler);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        return new Running(URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/"), server::stop);
    }

    @Override
    public final Running start(ServletContainerInitializer app) throws Exception {
        return start(rootContext(app));
    }

    /** The servlet context at {@code /} of this EE environment, running {@code app} when it starts. */
    protected abstract Handler rootContext(ServletContainerInitializer app);
}
