package com.webriskops.webhooks.servlet.testing;

import jakarta.servlet.ServletContainerInitializer;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Handler;

/**
 * Embedded Jetty 12 in its ee10 environment (Servlet 6.0, what this adapter is compiled against), the
 * app registered through its initializer. The ee11 environment is in its own integration-test module.
 */
public final class JettyEe10Container extends EmbeddedJetty {
    @Override
    protected Handler rootContext(ServletContainerInitializer app) {
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServletContainerInitializer(app);
        return context;
    }
}
