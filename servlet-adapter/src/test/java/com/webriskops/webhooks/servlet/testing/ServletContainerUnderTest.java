package com.webriskops.webhooks.servlet.testing;

import jakarta.servlet.ServletContainerInitializer;
import java.net.URI;

/**
 * An embedded servlet container (Jetty, Tomcat) that the shared servlet tests run in: it starts one web
 * application, configured from code by a {@link ServletContainerInitializer} through {@code
 * ServletContext.addFilter} and {@code addServlet}, on an ephemeral port of the loopback interface.
 */
public interface ServletContainerUnderTest {
    /** Starts a server whose root context runs {@code app}; the caller closes it. */
    Running start(ServletContainerInitializer app) throws Exception;

    /**
     * A started server.
     *
     * @param baseUri the root of the web application, ending with {@code /}
     * @param stop stops the server and frees what it used
     */
    record Running(URI baseUri, AutoCloseable stop) implements AutoCloseable {
        /** Stops the server; a failure is thrown unchecked. */
        @Override
        public void close() {
            try {
                stop.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not stop the server", e);
            }
        }
    }
}
