package com.webriskops.webhooks.servlet;

import com.webriskops.webhooks.idempotency.Decision;
import com.webriskops.webhooks.idempotency.IdempotentRequests;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Objects;

/**
 * Makes the servlets it is mapped to safe to retry with an {@code Idempotency-Key}: every decision is
 * made by {@link IdempotentRequests} (see there); this filter only translates. Requests without the
 * header pass through untouched.
 *
 * <p>For a claimed key it calls the chain with a request whose entity is the exact bytes read (re-
 * readable, like {@link WebRiskOpsWebhookFilter}'s) and a response wrapper that copies the body bytes
 * as they are written; once the application has answered, status, content type and the copied body
 * are handed to {@link IdempotentRequests#finish} (stored for 2xx-4xx, released for 5xx, for answers
 * larger than the stored-body bound and for {@code sendError} answers, whose error page the container
 * writes outside the wrapper). When the chain throws, the key is released. For an asynchronous request
 * the answer is finished when it completes (released on timeout or error). A replayed answer carries
 * {@value IdempotentRequests#REPLAYED_HEADER}{@code : true}; other response headers are not replayed.
 *
 * <p>From code: {@code new IdempotencyFilter(IdempotentRequests.builder().store(store).build())},
 * registered with {@code setAsyncSupported(true)} after any {@link SharedSecretFilter}. From {@code
 * web.xml}, through the no-argument constructor, with an in-memory store (one instance only; use code
 * for a database store): {@value #INIT_KEY_TTL_SECONDS}, {@value #INIT_CLAIM_LEASE_SECONDS}, {@value
 * #INIT_MAX_STORED_BODY_BYTES} and {@value #INIT_MAX_REQUEST_BODY_BYTES} override the defaults.
 *
 * <p>Requests already handled by this filter (an async, error or forward dispatch) pass through
 * unchanged. Thread-safe once initialised.
 */
public final class IdempotencyFilter implements Filter {
    /** Init-param: how long a completed key keeps its answer, in seconds. Default 86400 (24 hours). */
    public static final String INIT_KEY_TTL_SECONDS = "key-ttl-seconds";
    /** Init-param: how long a running request holds its key, in seconds. Default 300. */
    public static final String INIT_CLAIM_LEASE_SECONDS = "claim-lease-seconds";
    /** Init-param: the largest answer body stored, in bytes. Default 65536. */
    public static final String INIT_MAX_STORED_BODY_BYTES = "max-stored-body-bytes";
    /** Init-param: the largest request body read, in bytes. Default 1048576. */
    public static final String INIT_MAX_REQUEST_BODY_BYTES = "max-request-body-bytes";

    /**
     * Servlet-context attribute: a {@link Clock} that replaces the system clock of a filter
     * configured by init-params, so a test (or an application with its own time source) controls
     * when keys expire. Ignored by a filter configured from code, whose engine has its clock.
     */
    public static final String CLOCK_ATTRIBUTE = "com.webriskops.webhooks.clock";

    /** The request attribute holding the claimed key's decision while it is handled. */
    static final String HANDLED = IdempotencyFilter.class.getName() + ".handled";

    private final InitParams initParams = new InitParams(System::getenv, System::getProperty);
    private volatile IdempotentRequests idempotency;

    /**
     * A filter configured from code; {@link #init} ignores any init-params.
     *
     * @throws NullPointerException if {@code idempotency} is null
     */
    public IdempotencyFilter(IdempotentRequests idempotency) {
        this.idempotency = Objects.requireNonNull(idempotency, "idempotency");
    }

    /** A filter configured by its init-params in {@link #init}, for {@code web.xml}. */
    public IdempotencyFilter() {}

    /**
     * Builds the engine from the init-params unless this filter was given one.
     *
     * @throws ServletException if an init-param is unknown or out of range
     */
    @Override
    public void init(FilterConfig config) throws ServletException {
        if (idempotency == null) {
            Object clock = config.getServletContext() == null
                    ? null
                    : config.getServletContext().getAttribute(CLOCK_ATTRIBUTE);
            idempotency = initParams.idempotentRequests(config, clock instanceof Clock c ? c : null);
        }
    }

    /**
     * Answers a retry or a refusal, or runs the chain and records its answer; see the class description.
     *
     * @throws ServletException if the request is not HTTP or the filter was not initialised; whatever
     *     the rest of the chain throws, after releasing the key
     * @throws IOException if the body cannot be read or the answer written, or as thrown by the chain
     */
    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
            throw new ServletException("IdempotencyFilter serves HTTP requests only");
        }
        if (request.getAttribute(HANDLED) != null) {
            chain.doFilter(request, response);
            return;
        }
        IdempotentRequests current = idempotency;
        if (current == null) {
            throw new ServletException("IdempotencyFilter was not initialised: init(FilterConfig) not called");
        }
        Decision decision = current.begin(new ServletApiRequest(request));
        if (decision instanceof Decision.Respond respond) {
            Answers.write(respond.answer(), response);
            return;
        }
        if (!(decision instanceof Decision.Proceed proceed)) {
            chain.doFilter(request, response);
            return;
        }
        request.setAttribute(HANDLED, proceed);
        CapturingResponse captured = new CapturingResponse(response, proceed.newCapture());
        VerifiedRequest replayable = new VerifiedRequest(request, captured, proceed.body());
        try {
            chain.doFilter(replayable, captured);
        } catch (Throwable e) {
            current.abandon(proceed);
            captured.release();
            throw e;
        }
        Outcome outcome = new Outcome(current, proceed, captured);
        if (request.isAsyncStarted()) {
            // The answer is complete only when the async request completes, after the container
            // has sent it: stop holding the body back, and decide then.
            captured.release();
            request.getAsyncContext().addListener(outcome);
        } else {
            // Record the answer before its bytes leave, so an immediate retry finds it stored.
            try {
                outcome.finish();
            } finally {
                captured.release();
            }
        }
    }

    /** Nothing to release: the engine and its store belong to the application. */
    @Override
    public void destroy() {}

    @Override
    public String toString() {
        return "IdempotencyFilter[" + idempotency + "]";
    }

    /** Finishes the claimed key once the answer is complete (at once, or when async processing ends). */
    private static final class Outcome implements AsyncListener {
        private final IdempotentRequests idempotency;
        private final Decision.Proceed proceed;
        private final CapturingResponse response;

        Outcome(IdempotentRequests idempotency, Decision.Proceed proceed, CapturingResponse response) {
            this.idempotency = idempotency;
            this.proceed = proceed;
            this.response = response;
        }

        void finish() {
            if (response.errorSent()) {
                idempotency.abandon(proceed);
                return;
            }
            response.flushWriter();
            idempotency.finish(proceed, response.getStatus(), response.getContentType(), response.capture());
        }

        @Override
        public void onComplete(AsyncEvent event) {
            finish();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            idempotency.abandon(proceed);
        }

        @Override
        public void onError(AsyncEvent event) {
            idempotency.abandon(proceed);
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this);
        }
    }
}
