package com.webriskops.webhooks.it.spring.conformance;

import com.webriskops.webhooks.testing.HttpEndpoint;
import com.webriskops.webhooks.testing.ReceiverConformanceSuite;
import com.webriskops.webhooks.testing.ReceiverHarness;
import jakarta.servlet.ServletContext;
import java.net.URI;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Core's receiver conformance suite through a Spring Boot application over real HTTP: every status, code,
 * header and body, the duplicate guard, async-free handler failures, concurrent retries. Subclasses say
 * which server runs it ({@code @SpringBootTest} with the server's configuration).
 */
public abstract class SpringReceiverConformance extends ReceiverConformanceSuite {
    @Autowired
    ConformanceApplication.CurrentTest current;

    @Autowired
    protected ServletContext servletContext;

    @LocalServerPort
    int port;

    @Override
    protected ReceiverHarness harness() {
        return (receiver, recording) -> {
            current.use(receiver, recording);
            return new HttpEndpoint(URI.create("http://127.0.0.1:" + port + "/webhooks/receive"), current::clear);
        };
    }
}
