package com.webriskops.webhooks.it.spring.conformance;

import com.webriskops.webhooks.receiver.VerifiedDelivery;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.servlet.WebRiskOpsWebhookFilter;
import com.webriskops.webhooks.testing.RecordingHandler;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The application the receiver conformance suite runs against: the kit's servlet filter in front of a
 * Spring MVC controller that takes {@code @RequestBody TicketExportWebhook} and {@code VerifiedDelivery}
 * and re-reads the verified bytes. The suite builds a receiver per test (fixed clock, policies, failing
 * stores), so the filter registration under the starter's name verifies with whichever receiver the
 * current test set; one context serves the whole suite.
 */
@SpringBootApplication
public class ConformanceApplication {
    /** The receiver and handler of the test running now. */
    public static final class CurrentTest {
        private final AtomicReference<WebRiskOpsWebhookFilter> filter = new AtomicReference<>();
        private final AtomicReference<RecordingHandler> handler = new AtomicReference<>();

        public void use(WebhookReceiver<?> receiver, RecordingHandler recording) {
            filter.set(new WebRiskOpsWebhookFilter(receiver));
            handler.set(recording);
        }

        public void clear() {
            filter.set(null);
            handler.set(null);
        }

        RecordingHandler handler() {
            RecordingHandler current = handler.get();
            if (current == null) {
                throw new IllegalStateException("no test is running");
            }
            return current;
        }
    }

    @Bean
    CurrentTest currentTest() {
        return new CurrentTest();
    }

    /** Takes the place of the starter's registration of the same name (which backs off). */
    @Bean
    FilterRegistrationBean<Filter> webriskopsWebhookFilter(CurrentTest current) {
        Filter filter = new Filter() {
            @Override
            public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                    throws IOException, ServletException {
                WebRiskOpsWebhookFilter active = current.filter.get();
                if (active == null) {
                    throw new ServletException("no test is running");
                }
                active.doFilter(request, response, chain);
            }
        };
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
        registration.setUrlPatterns(java.util.List.of("/webhooks/*"));
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
        registration.setAsyncSupported(true);
        registration.setOrder(-200);
        return registration;
    }

    @RestController
    static class ConformanceController {
        private final CurrentTest current;

        ConformanceController(CurrentTest current) {
            this.current = current;
        }

        /** Serves every scheme the suite runs: the summary comes from the scheme's fixture. */
        @PostMapping("/webhooks/receive")
        ResponseEntity<Void> receive(VerifiedDelivery<?> delivery, HttpServletRequest request) throws IOException {
            byte[] body = request.getInputStream().readAllBytes();
            return ResponseEntity.status(current.handler().handle(delivery, body))
                    .build();
        }
    }
}
