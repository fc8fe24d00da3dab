package com.webriskops.webhooks.it.spring.conformance;

import com.webriskops.webhooks.testing.HttpEndpoint;
import com.webriskops.webhooks.testing.ReceiverConformanceSuite;
import com.webriskops.webhooks.testing.ReceiverHarness;
import jakarta.servlet.ServletContext;
import java.net.URI;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestContextManager;
import org.springframework.web.context.WebApplicationContext;

/**
 * Core's receiver conformance suite through a Spring Boot application over real HTTP: every status, code,
 * header and body, the duplicate guard, async-free handler failures, concurrent retries. Subclasses say
 * which server runs it ({@code @SpringBootTest} with the server's configuration).
 *
 * <p>The suite's tests live in {@code @Nested} classes declared by the suite, not by the subclass, so
 * Spring Framework 7 prepares them (and their enclosing instance) against the suite's configuration,
 * which has none. Nothing here is injected: the harness asks Spring's context cache for the subclass's
 * application, the same one its {@code @SpringBootTest} started.
 */
public abstract class SpringReceiverConformance extends ReceiverConformanceSuite {
    @Override
    protected ReceiverHarness harness() {
        ApplicationContext application = application();
        ConformanceApplication.CurrentTest current = application.getBean(ConformanceApplication.CurrentTest.class);
        int port = application.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        return (receiver, recording) -> {
            current.use(receiver, recording);
            return new HttpEndpoint(URI.create("http://127.0.0.1:" + port + "/webhooks/receive"), current::clear);
        };
    }

    /** The servlet context of the application under test, to tell which server runs it. */
    protected ServletContext servletContext() {
        return ((WebApplicationContext) application()).getServletContext();
    }

    private ApplicationContext application() {
        return new TestContextManager(getClass()).getTestContext().getApplicationContext();
    }
}
