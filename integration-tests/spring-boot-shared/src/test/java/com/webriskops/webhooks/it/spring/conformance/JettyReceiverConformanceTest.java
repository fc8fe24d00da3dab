package com.webriskops.webhooks.it.spring.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.ClassUtils;

/**
 * The receiver conformance suite on Jetty 12, in both Boot lines: Spring Boot 3.5 (EE 10) and 4.0 (EE
 * 11).
 */
@SpringBootTest(
        classes = {ConformanceApplication.class, JettyReceiverConformanceTest.Jetty.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JettyReceiverConformanceTest extends SpringReceiverConformance {
    /** Chooses Jetty although Tomcat is on the class path too. */
    @Configuration(proxyBeanMethods = false)
    @Import(JettyFactory.class)
    static class Jetty {}

    /** Registers the Boot line's Jetty servlet web server factory, whose package moved in Boot 4. */
    static class JettyFactory implements ImportBeanDefinitionRegistrar {
        private static final List<String> CANDIDATES = List.of(
                "org.springframework.boot.jetty.servlet.JettyServletWebServerFactory",
                "org.springframework.boot.web.embedded.jetty.JettyServletWebServerFactory");

        @Override
        public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
            ClassLoader loader = JettyFactory.class.getClassLoader();
            String factory = CANDIDATES.stream()
                    .filter(name -> ClassUtils.isPresent(name, loader))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no Jetty servlet web server factory"));
            registry.registerBeanDefinition(
                    "jettyServletWebServerFactory",
                    new RootBeanDefinition(ClassUtils.resolveClassName(factory, loader)));
        }
    }

    @Test
    void runsOnJetty() {
        assertThat(servletContext().getServerInfo()).startsWith("jetty/12");
    }
}
