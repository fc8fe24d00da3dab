package com.webriskops.webhooks.it.spring.boot3;

import static org.assertj.core.api.Assertions.assertThat;

import com.webriskops.webhooks.it.spring.conformance.ConformanceApplication;
import com.webriskops.webhooks.it.spring.conformance.SpringReceiverConformance;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/** The receiver conformance suite in a Spring Boot 3.5 application on Tomcat (Boot's default). */
@SpringBootTest(classes = ConformanceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TomcatReceiverConformanceTest extends SpringReceiverConformance {
    @Test
    void runsOnTomcat() {
        assertThat(servletContext().getServerInfo()).startsWith("Apache Tomcat/10.1");
    }
}
