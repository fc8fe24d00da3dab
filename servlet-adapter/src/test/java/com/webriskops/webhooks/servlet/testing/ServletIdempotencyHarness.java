package com.webriskops.webhooks.servlet.testing;

import com.webriskops.webhooks.idempotency.IdempotentRequests;
import com.webriskops.webhooks.idempotency.SharedSecretCheck;
import com.webriskops.webhooks.servlet.IdempotencyFilter;
import com.webriskops.webhooks.servlet.SharedSecretFilter;
import com.webriskops.webhooks.testing.HttpEndpoint;
import com.webriskops.webhooks.testing.IdempotencyHarness;
import com.webriskops.webhooks.testing.ReceiverHarness;
import com.webriskops.webhooks.testing.ScannerHandler;
import jakarta.annotation.Nullable;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Runs core's idempotency conformance suite through {@link SharedSecretFilter} and {@link
 * IdempotencyFilter} in a real servlet container over real HTTP, registered from code. The scanner
 * servlet answers synchronously or, when asked, from another thread after {@code startAsync()}.
 */
public final class ServletIdempotencyHarness implements IdempotencyHarness {
    private final ServletContainerUnderTest container;
    private final boolean async;

    /** A harness that starts each endpoint in {@code container}; {@code async} selects the async servlet. */
    public ServletIdempotencyHarness(ServletContainerUnderTest container, boolean async) {
        this.container = Objects.requireNonNull(container, "container");
        this.async = async;
    }

    @Override
    public ReceiverHarness.Endpoint start(
            IdempotentRequests idempotency, @Nullable SharedSecretCheck check, ScannerHandler handler)
            throws Exception {
        ServletContainerInitializer app = (Set<Class<?>> classes, ServletContext context) -> {
            EnumSet<DispatcherType> dispatch = EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC);
            if (check != null) {
                FilterRegistration.Dynamic secret = context.addFilter("scanner-secret", new SharedSecretFilter(check));
                secret.setAsyncSupported(true);
                secret.addMappingForUrlPatterns(dispatch, true, "/api/*");
            }
            FilterRegistration.Dynamic idem = context.addFilter("idempotency", new IdempotencyFilter(idempotency));
            idem.setAsyncSupported(true);
            idem.addMappingForUrlPatterns(dispatch, true, "/api/*");
            ServletRegistration.Dynamic servlet = context.addServlet("scanner", new ScannerServlet(handler, async));
            servlet.setAsyncSupported(true);
            servlet.addMapping(PATH);
        };
        ServletContainerUnderTest.Running server = container.start(app);
        return new HttpEndpoint(server.baseUri().resolve(PATH.substring(1)), server);
    }

    /** The scanner postback servlet. */
    private static final class ScannerServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        private final transient ScannerHandler handler;
        private final boolean async;

        ScannerServlet(ScannerHandler handler, boolean async) {
            this.handler = handler;
            this.async = async;
        }

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            byte[] body = request.getInputStream().readAllBytes();
            if (!async) {
                write(response, handler.handle(body));
                return;
            }
            AsyncContext context = request.startAsync();
            context.start(() -> {
                HttpServletResponse asyncResponse = (HttpServletResponse) context.getResponse();
                try {
                    write(asyncResponse, handler.handle(body));
                } catch (RuntimeException | IOException e) {
                    asyncResponse.setStatus(500);
                } finally {
                    context.complete();
                }
            });
        }

        private static void write(HttpServletResponse response, ScannerHandler.Answer answer) throws IOException {
            response.setStatus(answer.status());
            response.setContentType(ScannerHandler.CONTENT_TYPE);
            response.getOutputStream().write(answer.body());
        }
    }
}
