package com.webriskops.webhooks.it.e2e;

import com.webriskops.webhooks.servlet.testing.ServletContainerUnderTest;
import jakarta.servlet.ServletContainerInitializer;
import java.net.URI;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Embedded Jetty 12 (ee10) on an ephemeral loopback port, the app registered through its initializer
 * (as {@code servlet-jetty-ee10}'s container, which lives in that module's tests).
 */
final class JettyServer implements ServletContainerUnderTest {
    @Override
    public Running start(ServletContainerInitializer app) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServletContainerInitializer(app);
        server.setHandler(context);
        server.start();
        return new Running(URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/"), server::stop);
    }
}
