package com.webriskops.webhooks.servlet.it.jetty.ee11;

import com.webriskops.webhooks.servlet.testing.EmbeddedJetty;
import jakarta.servlet.ServletContainerInitializer;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Handler;

/** Embedded Jetty 12 in its ee11 environment (Servlet 6.1), the app registered through its initializer. */
final class JettyEe11Container extends EmbeddedJetty {
    @Override
    protected Handler rootContext(ServletContainerInitializer app) {
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServletContainerInitializer(app);
        return context;
    }
}
