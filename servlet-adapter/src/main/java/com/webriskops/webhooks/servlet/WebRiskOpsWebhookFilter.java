package com.webriskops.webhooks.servlet;

import com.webriskops.webhooks.receiver.ReceiveResult;
import com.webriskops.webhooks.receiver.VerifiedDelivery;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies WebRiskOps webhook deliveries in front of the servlets it is mapped to: signature, timestamp
 * window, payload, policies, nonce replay and the idempotency duplicate guard, all decided by a {@link
 * WebhookReceiver}. Map it to the webhook endpoint only (such as {@code /webhooks/*}): every request it
 * sees is treated as a delivery.
 *
 * <p>For a refused or duplicate delivery it writes the receiver's answer itself (status, {@code
 * Content-Type}, headers such as {@code Retry-After}, the exact body with its {@code Content-Length})
 * and does not call the rest of the chain. For an accepted one it calls the chain with a request whose
 * {@link HttpServletRequest#getInputStream()} and {@link HttpServletRequest#getReader()} return the
 * exact verified bytes, each call a fresh stream, any number of times and in any order (unlike a plain
 * request, calling one does not make the other throw); the reader decodes as UTF-8, the protocol's
 * encoding, whatever the unsigned {@code charset} parameter of the {@code Content-Type} says. The {@link VerifiedDelivery} is the request attribute {@link
 * VerifiedDelivery#ATTRIBUTE}. Once the application has answered, the delivery's idempotency key is
 * completed when the response status is 2xx and released otherwise or when the chain throws, so the
 * sender's retry can succeed. For an asynchronous request the decision is made when it completes
 * (released on timeout or error), not when the chain returns; {@code request.startAsync()} keeps the
 * verified request, so the body stays readable from the {@code AsyncContext}.
 *
 * <p>Configure it from code with a receiver:
 *
 * <pre>{@code
 * WebhookReceiver receiver = WebhookReceiver.builder()
 *         .secrets(WebhookSecret.of(System.getenv("WEBRISKOPS_WEBHOOK_SECRET")))
 *         .build();
 * FilterRegistration.Dynamic registration =
 *         servletContext.addFilter("webriskops-webhooks", new WebRiskOpsWebhookFilter(receiver));
 * registration.setAsyncSupported(true);
 * registration.addMappingForUrlPatterns(null, false, "/webhooks/*");
 * }</pre>
 *
 * <p>or from {@code web.xml} through the no-argument constructor and init-params: {@value
 * #INIT_SECRET_ENV} and {@value #INIT_SECRET_PROPERTY} name the environment variables and system
 * properties that hold the secret (comma-separated names, one
 * secret per variable used byte for byte; the previous one during a rotation in {@value
 * #INIT_PREVIOUS_SECRET_ENV} or {@value #INIT_PREVIOUS_SECRET_PROPERTY}), {@value #INIT_TIMESTAMP_TOLERANCE_SECONDS} and {@value
 * #INIT_MAX_BODY_BYTES} override the receiver's defaults (300 seconds, 1 MiB). Secrets are never
 * written in the file.
 *
 * <p>A request this filter instance has verified already (an async, error or forward dispatch of it, or
 * a second mapping of this filter) passes through unchanged. A delivery verified by another instance
 * (a second filter with its own receiver and secret, mapped to a narrower path) is verified again by
 * this one: a delivery counts as verified only for the receiver that verified it.
 *
 * <p>Thread-safe once initialised: one instance serves all requests.
 */
public final class WebRiskOpsWebhookFilter implements Filter {
    /** Init-param: comma-separated names of environment variables, each holding one webhook secret byte for byte */
    public static final String INIT_SECRET_ENV = "secret-env";
    /** Init-param: comma-separated names of system properties, each holding one webhook secret byte for byte */
    public static final String INIT_SECRET_PROPERTY = "secret-property";
    /**
     * Init-param: comma-separated names of environment variables holding the previous webhook secret during a
     * rotation, byte for byte; a variable that is unset or empty holds none (so the rotation ends by
     * unsetting it).
     */
    public static final String INIT_PREVIOUS_SECRET_ENV = "previous-secret-env";
    /** Init-param: like {@value #INIT_PREVIOUS_SECRET_ENV}, naming system properties. */
    public static final String INIT_PREVIOUS_SECRET_PROPERTY = "previous-secret-property";
    /** Init-param: the accepted clock skew in seconds, each way. Default 300. */
    public static final String INIT_TIMESTAMP_TOLERANCE_SECONDS = "timestamp-tolerance-seconds";
    /** Init-param: the largest body accepted, in bytes. Default 1048576 (1 MiB). */
    public static final String INIT_MAX_BODY_BYTES = "max-body-bytes";

    private static final Logger LOG = LoggerFactory.getLogger(WebRiskOpsWebhookFilter.class);

    private static final AtomicLong INSTANCES = new AtomicLong();

    /**
     * The request attribute naming the delivery this filter instance verified: a delivery verified by
     * another filter (another receiver, another secret) is verified again here.
     */
    private final String verifiedHere =
            WebRiskOpsWebhookFilter.class.getName() + ".verified." + INSTANCES.incrementAndGet();

    private final InitParams initParams;
    private volatile WebhookReceiver<?> receiver;

    /**
     * A filter configured from code: it verifies with {@code receiver}, and {@link #init} ignores any
     * init-params.
     *
     * @throws NullPointerException if {@code receiver} is null
     */
    public WebRiskOpsWebhookFilter(WebhookReceiver<?> receiver) {
        this.receiver = Objects.requireNonNull(receiver, "receiver");
        this.initParams = new InitParams(System::getenv, System::getProperty);
    }

    /**
     * A filter configured by its init-params in {@link #init}, for {@code web.xml}. Until then it
     * refuses requests.
     */
    public WebRiskOpsWebhookFilter() {
        this.initParams = new InitParams(System::getenv, System::getProperty);
    }

    /**
     * Builds the receiver from the init-params unless this filter was given one in its constructor.
     *
     * @throws ServletException if no secret is configured, a named variable is unset or blank, or an
     *     init-param is unknown or out of range; the message names the parameter or variable and never
     *     contains a secret
     */
    @Override
    public void init(FilterConfig config) throws ServletException {
        if (receiver == null) {
            receiver = initParams.receiver(config);
        }
    }

    /**
     * Verifies the request and answers it, or passes it on verified; see the class description.
     *
     * @throws ServletException if the request is not HTTP or the filter was not initialised; whatever the
     *     rest of the chain throws, after releasing the delivery's claim
     * @throws IOException if the answer cannot be written, or as thrown by the rest of the chain
     */
    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
            throw new ServletException("WebRiskOpsWebhookFilter serves HTTP requests only");
        }
        Object verified = request.getAttribute(VerifiedDelivery.ATTRIBUTE);
        if (verified != null && verified == request.getAttribute(verifiedHere)) {
            chain.doFilter(request, response);
            return;
        }
        WebhookReceiver<?> current = receiver;
        if (current == null) {
            throw new ServletException("WebRiskOpsWebhookFilter was not initialised: init(FilterConfig) not called");
        }
        verify(current, request, response, chain);
    }

    private <P> void verify(
            WebhookReceiver<P> receiver, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        ReceiveResult<P> result = receiver.receive(new ServletInboundRequest(request));
        if (!(result instanceof ReceiveResult.Accepted<P> accepted)) {
            Answers.write(result.answer(), response);
            return;
        }
        VerifiedDelivery<P> delivery = accepted.delivery();
        VerifiedRequest verified = new VerifiedRequest(request, response, delivery.rawBody());
        verified.setAttribute(VerifiedDelivery.ATTRIBUTE, delivery);
        verified.setAttribute(verifiedHere, delivery);
        DeliveryOutcome<P> outcome = new DeliveryOutcome<>(receiver, delivery, response);
        try {
            chain.doFilter(verified, response);
        } catch (Throwable e) {
            outcome.abandon();
            throw e;
        }
        if (request.isAsyncStarted()) {
            LOG.debug("Webhook delivery {} continues asynchronously", delivery.idempotencyKey());
            request.getAsyncContext().addListener(outcome);
        } else {
            outcome.finish();
        }
    }

    /** Nothing to release: the receiver and its stores belong to the application. */
    @Override
    public void destroy() {}

    @Override
    public String toString() {
        return "WebRiskOpsWebhookFilter[" + receiver + "]";
    }
}
