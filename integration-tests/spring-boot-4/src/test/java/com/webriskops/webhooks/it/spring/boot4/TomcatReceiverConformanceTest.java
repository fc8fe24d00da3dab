package com.webriskops.webhooks.it.spring.boot4;

import static org.assertj.core.api.Assertions.assertThat;

import com.webriskops.webhooks.it.spring.conformance.ConformanceApplication;
import com.webriskops.webhooks.it.spring.conformance.SpringReceiverConformance;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The receiver conformance suite in a Spring Boot 4.0 application on Tomcat 11 (EE 11). */
@SpringBootTest(
        classes = {ConformanceApplication.class, TomcatReceiverConformanceTest.Tomcat.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TomcatReceiverConformanceTest extends SpringReceiverConformance {
    /** Chooses Tomcat: with Jetty on the class path too, Boot 4 would start Jetty. */
    @Configuration(proxyBeanMethods = false)
    static class Tomcat {
        @Bean
        TomcatServletWebServerFactory tomcatServletWebServerFactory() {
            return new TomcatServletWebServerFactory();
        }
    }

    @Test
    void runsOnTomcat() {
        assertThat(servletContext().getServerInfo()).startsWith("Apache Tomcat/11");
    }
}
