package com.webriskops.webhooks.it.spring.quickstart;

import com.webriskops.webhooks.testing.ConformanceTarget;
import com.webriskops.webhooks.testing.Deliveries;
import com.webriskops.webhooks.testing.ReceiverConformance;
import java.net.URI;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The testing kit as a user runs it: the quickstart application (the README's controller and two
 * properties) started by Spring Boot's test support, and {@link ReceiverConformance} pointed at its
 * endpoint in three lines. Runs on Spring Boot 3.5 and 4.0 (the suite has no nested classes).
 */
// tag::spring[]
@SpringBootTest(
        classes = QuickstartApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "webriskops.webhooks.receiver.secrets=" + Deliveries.SECRET_TEXT,
            "webriskops.webhooks.receiver.paths=/webhooks/*"
        })
class QuickstartConformanceTest extends ReceiverConformance {
    @LocalServerPort
    int port;

    @Override
    protected ConformanceTarget target() {
        return ConformanceTarget.url(
                URI.create("http://localhost:" + port + "/webhooks/webriskops"), Deliveries.SECRET_TEXT);
    }
}
// end::spring[]
