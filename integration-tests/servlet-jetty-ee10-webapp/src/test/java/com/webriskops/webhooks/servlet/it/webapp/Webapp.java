package com.webriskops.webhooks.servlet.it.webapp;

import com.webriskops.webhooks.servlet.testing.EmbeddedJetty;
import com.webriskops.webhooks.servlet.testing.ServletContainerUnderTest;
import jakarta.servlet.ServletException;
import java.nio.file.Path;
import org.eclipse.jetty.ee10.webapp.WebAppContext;

/** A web application configured by its {@code WEB-INF/web.xml} alone, in a Jetty 12 ee10 {@link WebAppContext}. */
final class Webapp {
    private Webapp() {}

    /** Starts the application in {@code directory} at {@code /}; a failing filter fails the start. */
    static ServletContainerUnderTest.Running start(String directory) throws Exception {
        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath("/");
        webapp.setBaseResourceAsPath(Path.of(directory));
        webapp.setParentLoaderPriority(true);
        webapp.setThrowUnavailableOnStartupException(true);
        return EmbeddedJetty.start(webapp);
    }

    /** The {@link ServletException} among {@code failure} and its causes, or null. */
    static Throwable servletException(Throwable failure) {
        Throwable cause = failure;
        while (cause != null && !(cause instanceof ServletException)) {
            cause = cause.getCause();
        }
        return cause;
    }
}
