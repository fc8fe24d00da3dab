package com.webriskops.webhooks.servlet.it.webapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.webriskops.webhooks.servlet.testing.EmbeddedJetty;
import com.webriskops.webhooks.servlet.testing.ServletContainerUnderTest;
import jakarta.servlet.ServletException;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A web application configured by its {@code WEB-INF/web.xml} alone, in a Jetty 12 ee10 {@code
 * WebAppContext}, whose filter reads its secret from a system property the file names. Subclasses name
 * the application's directory and test what each setting of the file changes.
 */
abstract class WebXmlSuite {
    private final String directory;
    private final String path;
    private final String secretProperty;
    private final Map<String, Object> attributes = new LinkedHashMap<>();
    private ServletContainerUnderTest.Running server;

    /**
     * The application in {@code directory}, tested at {@code path}, its secret in the system property
     * {@code secretProperty}.
     */
    WebXmlSuite(String directory, String path, String secretProperty) {
        this.directory = directory;
        this.path = path;
        this.secretProperty = secretProperty;
    }

    /** Sets the secret the application reads when it starts. */
    protected void secret(String value) {
        System.setProperty(secretProperty, value);
    }

    /** Sets the secret and, in the property its {@code previous-secret-property} names, the previous one. */
    protected void secrets(String value, String previous) {
        secret(value);
        System.setProperty(secretProperty + "-previous", previous);
    }

    /** Sets a servlet-context attribute the application sees when it starts. */
    protected void attribute(String name, Object value) {
        attributes.put(name, value);
    }

    /** Starts the application at {@code /} and returns the URI under test; a failing filter fails the start. */
    protected URI start() throws Exception {
        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath("/");
        webapp.setBaseResourceAsPath(Path.of(directory));
        webapp.setParentLoaderPriority(true);
        webapp.setThrowUnavailableOnStartupException(true);
        attributes.forEach(webapp::setAttribute);
        server = EmbeddedJetty.start(webapp);
        return server.baseUri().resolve(path);
    }

    @AfterEach
    void stop() {
        System.clearProperty(secretProperty);
        System.clearProperty(secretProperty + "-previous");
        if (server != null) {
            server.close();
        }
    }

    @Test
    void missingSecretFailsAtStartupNamingTheProperty() {
        Throwable failure = catchThrowable(this::start);

        assertThat(failure).isNotNull();
        Throwable servletException = failure;
        while (servletException != null && !(servletException instanceof ServletException)) {
            servletException = servletException.getCause();
        }
        assertThat(servletException)
                .as("a ServletException in %s", failure)
                .isNotNull()
                .hasMessageContaining("system property '" + secretProperty + "' is not set");
    }
}
