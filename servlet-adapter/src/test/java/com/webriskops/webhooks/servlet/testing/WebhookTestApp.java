package com.webriskops.webhooks.servlet.testing;

import com.webriskops.webhooks.receiver.VerifiedDelivery;
import com.webriskops.webhooks.testing.RecordingHandler;
import jakarta.annotation.Nullable;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The web application every servlet container test runs: the webhook filter under test (for a receiver
 * of any scheme), registered from code on {@code /webhooks/*}, in front of servlets that behave as an
 * application would.
 *
 * <ul>
 *   <li>{@value #RECEIVE}: reads the entity from {@code getInputStream()}, hands what it saw to the
 *       {@link RecordingHandler} and answers its status (an exception from the handler propagates);
 *   <li>{@value #ASYNC}: the same, from an async context, completing only after the filter chain has
 *       returned to the container;
 *   <li>{@value #ASYNC_TIMEOUT}: records the call, starts async and never completes (times out);
 *   <li>{@value #ASYNC_DISPATCH}: starts async and dispatches to {@value #RECEIVE}, through the
 *       webhook filter again (mapped for async dispatches too);
 *   <li>{@value #PROBE}: reads the entity through {@code getReader()} and {@code getInputStream()},
 *       twice each, and records what it got in {@link #lastProbe()}.
 * </ul>
 */
public final class WebhookTestApp implements ServletContainerInitializer {
    /** Path, relative to the application root, of the synchronous recording servlet. */
    public static final String RECEIVE = "webhooks/receive";
    /** Path of the asynchronous recording servlet. */
    public static final String ASYNC = "webhooks/async";
    /** Path of the servlet whose async request times out. */
    public static final String ASYNC_TIMEOUT = "webhooks/async-timeout";
    /** Path of the servlet that starts async and dispatches to {@value #RECEIVE}. */
    public static final String ASYNC_DISPATCH = "webhooks/async-dispatch";
    /** Path of the servlet that reads the entity through the reader and the stream. */
    public static final String PROBE = "webhooks/probe";

    /**
     * Path of a recording servlet under {@code /webhooks/b/*}, where the app's inner filter (if it has
     * one) runs after the outer one.
     */
    public static final String INNER_RECEIVE = "webhooks/b/receive";

    /** How long {@value #ASYNC_TIMEOUT} waits before the container times it out. */
    public static final long ASYNC_TIMEOUT_MILLIS = 300;

    private static final String DISPATCH_RETURNED = WebhookTestApp.class.getName() + ".dispatchReturned";

    private final Filter webhookFilter;

    @Nullable
    private final Filter innerFilter;

    private final RecordingHandler handler;
    private final AtomicReference<Probe> lastProbe = new AtomicReference<>();

    /**
     * What {@value #PROBE} read from the verified request.
     *
     * @param readerText the first full read through {@code getReader()}
     * @param streamBytes the full read through {@code getInputStream()} that followed it
     * @param secondReaderText a second read through {@code getReader()}
     * @param secondStreamBytes a second read through {@code getInputStream()}
     * @param contentLength {@code getContentLengthLong()}
     */
    public record Probe(
            String readerText,
            byte[] streamBytes,
            String secondReaderText,
            byte[] secondStreamBytes,
            long contentLength) {}

    /** The app with {@code webhookFilter} in front of servlets that report to {@code handler}. */
    public WebhookTestApp(Filter webhookFilter, RecordingHandler handler) {
        this(webhookFilter, null, handler);
    }

    /**
     * The app with {@code webhookFilter} on {@code /webhooks/*} and, after it, {@code innerFilter} on
     * {@code /webhooks/b/*} (stacked filters, each with its own receiver).
     */
    public WebhookTestApp(Filter webhookFilter, @Nullable Filter innerFilter, RecordingHandler handler) {
        this.webhookFilter = Objects.requireNonNull(webhookFilter, "webhookFilter");
        this.innerFilter = innerFilter;
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    /** What {@value #PROBE} read last, or null. */
    public Probe lastProbe() {
        return lastProbe.get();
    }

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        FilterRegistration.Dynamic returned = context.addFilter("dispatch-returned", new DispatchReturnedFilter());
        returned.setAsyncSupported(true);
        returned.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");

        FilterRegistration.Dynamic webhooks = context.addFilter("webriskops-webhooks", webhookFilter);
        webhooks.setAsyncSupported(true);
        webhooks.addMappingForUrlPatterns(
                EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC), true, "/webhooks/*");

        if (innerFilter != null) {
            FilterRegistration.Dynamic inner = context.addFilter("webriskops-webhooks-b", innerFilter);
            inner.setAsyncSupported(true);
            inner.addMappingForUrlPatterns(
                    EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC), true, "/webhooks/b/*");
        }

        servlet(context, RECEIVE, new ReceiveServlet(handler));
        servlet(context, INNER_RECEIVE, new ReceiveServlet(handler));
        servlet(context, ASYNC, new AsyncServlet(handler));
        servlet(context, ASYNC_TIMEOUT, new AsyncTimeoutServlet(handler));
        servlet(context, ASYNC_DISPATCH, new AsyncDispatchServlet());
        servlet(context, PROBE, new ProbeServlet(lastProbe));
    }

    private static void servlet(ServletContext context, String path, HttpServlet servlet) {
        ServletRegistration.Dynamic registration = context.addServlet(path, servlet);
        registration.setAsyncSupported(true);
        registration.addMapping("/" + path);
    }

    /** Marks when the container's dispatch (this filter's chain, webhook filter included) has returned. */
    private static final class DispatchReturnedFilter implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            CountDownLatch returned = new CountDownLatch(1);
            request.setAttribute(DISPATCH_RETURNED, returned);
            try {
                chain.doFilter(request, response);
            } finally {
                returned.countDown();
            }
        }
    }

    /** A servlet that hands the verified delivery on a request, with its body, to the recording handler. */
    private abstract static class HandlingServlet extends HttpServlet {
        private final transient RecordingHandler handler;

        HandlingServlet(RecordingHandler handler) {
            this.handler = handler;
        }

        /** The handler's status for the verified delivery the filter put on {@code request}. */
        final int handle(HttpServletRequest request, byte[] body) {
            VerifiedDelivery<?> delivery = (VerifiedDelivery<?>) request.getAttribute(VerifiedDelivery.ATTRIBUTE);
            if (delivery == null) {
                throw new IllegalStateException("no verified delivery on the request");
            }
            return handler.handle(delivery, body);
        }
    }

    private static final class ReceiveServlet extends HandlingServlet {
        ReceiveServlet(RecordingHandler handler) {
            super(handler);
        }

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            byte[] body = request.getInputStream().readAllBytes();
            response.setStatus(handle(request, body));
        }
    }

    private static final class AsyncServlet extends HandlingServlet {
        AsyncServlet(RecordingHandler handler) {
            super(handler);
        }

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) {
            CountDownLatch dispatchReturned = (CountDownLatch) request.getAttribute(DISPATCH_RETURNED);
            AsyncContext async = request.startAsync();
            async.setTimeout(30_000);
            async.start(() -> {
                HttpServletResponse asyncResponse = (HttpServletResponse) async.getResponse();
                try {
                    if (!dispatchReturned.await(10, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the dispatch never returned");
                    }
                    HttpServletRequest asyncRequest = (HttpServletRequest) async.getRequest();
                    byte[] body = asyncRequest.getInputStream().readAllBytes();
                    asyncResponse.setStatus(handle(asyncRequest, body));
                } catch (IOException e) {
                    asyncResponse.setStatus(500);
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    asyncResponse.setStatus(500);
                } finally {
                    async.complete();
                }
            });
        }
    }

    private static final class AsyncTimeoutServlet extends HandlingServlet {
        AsyncTimeoutServlet(RecordingHandler handler) {
            super(handler);
        }

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            handle(request, request.getInputStream().readAllBytes());
            request.startAsync().setTimeout(ASYNC_TIMEOUT_MILLIS);
        }
    }

    private static final class AsyncDispatchServlet extends HttpServlet {
        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) {
            request.startAsync().dispatch("/" + RECEIVE);
        }
    }

    private static final class ProbeServlet extends HttpServlet {
        private final transient AtomicReference<Probe> lastProbe;

        ProbeServlet(AtomicReference<Probe> lastProbe) {
            this.lastProbe = lastProbe;
        }

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String readerText = read(request.getReader());
            byte[] streamBytes = request.getInputStream().readAllBytes();
            String secondReaderText = read(request.getReader());
            byte[] secondStreamBytes = request.getInputStream().readAllBytes();
            lastProbe.set(new Probe(
                    readerText, streamBytes, secondReaderText, secondStreamBytes, request.getContentLengthLong()));
            response.setStatus(200);
        }

        private static String read(Reader reader) throws IOException {
            StringBuilder text = new StringBuilder();
            char[] buffer = new char[1024];
            for (int n; (n = reader.read(buffer)) != -1; ) {
                text.append(buffer, 0, n);
            }
            return text.toString();
        }
    }
}
