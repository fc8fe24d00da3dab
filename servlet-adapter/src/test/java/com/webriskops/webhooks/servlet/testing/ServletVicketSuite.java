package com.webriskops.webhooks.servlet.testing;

import com.webriskops.webhooks.receiver.VerifiedDelivery;
import com.webriskops.webhooks.servlet.WebRiskOpsWebhookFilter;
import com.webriskops.webhooks.testing.HttpEndpoint;
import com.webriskops.webhooks.testing.ReceiverHarness;
import com.webriskops.webhooks.testing.RecordingHandler;
import com.webriskops.webhooks.testing.VicketConformanceSuite;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;

/**
 * Core's Vicket conformance suite through the unchanged servlet filter: {@code new
 * WebRiskOpsWebhookFilter(receiver)} with a receiver built for the Vicket scheme, in front of a servlet
 * that reads the verified delivery like application code would. Each container's module subclasses it
 * and says which container to start.
 */
public abstract class ServletVicketSuite extends VicketConformanceSuite {
    /** The container under test. */
    protected abstract ServletContainerUnderTest container();

    @Override
    protected ReceiverHarness harness() {
        return (receiver, handler) -> {
            ServletContainerUnderTest.Running server =
                    container().start(new VicketApp(new WebRiskOpsWebhookFilter(receiver), handler));
            return new HttpEndpoint(server.baseUri().resolve("webhooks/vicket"), server);
        };
    }

    private record VicketApp(WebRiskOpsWebhookFilter filter, RecordingHandler handler)
            implements ServletContainerInitializer {
        @Override
        public void onStartup(Set<Class<?>> classes, ServletContext context) {
            FilterRegistration.Dynamic webhooks = context.addFilter("vicket-webhooks", filter);
            webhooks.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/webhooks/*");
            context.addServlet("vicket", new VicketServlet(handler)).addMapping("/webhooks/vicket");
        }
    }

    /** Plain application code, as a user would write it. */
    private static final class VicketServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient RecordingHandler handler;

        VicketServlet(RecordingHandler handler) {
            this.handler = handler;
        }

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            VerifiedDelivery<?> delivery = (VerifiedDelivery<?>) request.getAttribute(VerifiedDelivery.ATTRIBUTE);
            byte[] body = request.getInputStream().readAllBytes();
            response.setStatus(handler.handle(seen(delivery, body)));
        }
    }
}
