package com.webriskops.webhooks.servlet.it.jetty.ee10;

import com.webriskops.webhooks.receiver.VerifiedDelivery;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.servlet.WebRiskOpsWebhookFilter;
import com.webriskops.webhooks.servlet.testing.JettyEe10Container;
import com.webriskops.webhooks.servlet.testing.ServletContainerUnderTest;
import com.webriskops.webhooks.testing.StandardWebhooksHttpInterop;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * Standard Webhooks deliveries from the official Java library, svix-java and the kit, over real HTTP
 * through the servlet filter on embedded Jetty 12 ee10.
 */
class JettyEe10StandardWebhooksTest extends StandardWebhooksHttpInterop {
    @Override
    protected Endpoint serve(WebhookReceiver<?> receiver) throws Exception {
        ServletContainerUnderTest.Running server =
                new JettyEe10Container().start(new StandardApp(new WebRiskOpsWebhookFilter(receiver), this::handle));
        return new Endpoint(server.baseUri().resolve("webhooks/standard"), server);
    }

    private record StandardApp(WebRiskOpsWebhookFilter filter, ToIntFunction<VerifiedDelivery<?>> handler)
            implements ServletContainerInitializer {
        @Override
        public void onStartup(Set<Class<?>> classes, ServletContext context) {
            FilterRegistration.Dynamic webhooks = context.addFilter("standard-webhooks", filter);
            webhooks.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/webhooks/*");
            context.addServlet("standard", new StandardServlet(handler)).addMapping("/webhooks/standard");
        }
    }

    /** Plain application code, as a user would write it. */
    private static final class StandardServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient ToIntFunction<VerifiedDelivery<?>> handler;

        StandardServlet(ToIntFunction<VerifiedDelivery<?>> handler) {
            this.handler = handler;
        }

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) {
            response.setStatus(
                    handler.applyAsInt((VerifiedDelivery<?>) request.getAttribute(VerifiedDelivery.ATTRIBUTE)));
        }
    }
}
