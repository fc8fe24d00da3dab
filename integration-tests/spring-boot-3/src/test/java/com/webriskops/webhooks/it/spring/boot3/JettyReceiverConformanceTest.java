package com.webriskops.webhooks.it.spring.boot3;

import static org.assertj.core.api.Assertions.assertThat;

import com.webriskops.webhooks.it.spring.conformance.ConformanceApplication;
import com.webriskops.webhooks.it.spring.conformance.SpringReceiverConformance;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.embedded.jetty.JettyServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The receiver conformance suite in a Spring Boot 3.5 application on Jetty 12 (EE 10). */
@SpringBootTest(
        classes = {ConformanceApplication.class, JettyReceiverConformanceTest.Jetty.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JettyReceiverConformanceTest extends SpringReceiverConformance {
    /** Chooses Jetty although Tomcat is on the class path too. */
    @Configuration(proxyBeanMethods = false)
    static class Jetty {
        @Bean
        JettyServletWebServerFactory jettyServletWebServerFactory() {
            return new JettyServletWebServerFactory();
        }
    }

    @Test
    void runsOnJetty() {
        assertThat(servletContext.getServerInfo()).startsWith("jetty/12");
    }
}
