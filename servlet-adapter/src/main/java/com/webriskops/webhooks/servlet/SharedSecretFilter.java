package com.webriskops.webhooks.servlet;

import com.webriskops.webhooks.idempotency.SharedSecretCheck;
import com.webriskops.webhooks.receiver.HttpAnswer;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Lets through only requests whose shared-secret header (default {@code X-Scanner-Secret}) matches a
 * configured secret, compared in constant time by a {@link SharedSecretCheck}; others get 401 {@code
 * application/problem+json} with code {@code UNAUTHORIZED} and the chain does not run. A header sent
 * twice is refused. Map it before {@link IdempotencyFilter}, so a refused request claims no key.
 *
 * <p>From code: {@code new SharedSecretFilter(SharedSecretCheck.of(SharedSecret.of(secret)))}. From
 * {@code web.xml}, through the no-argument constructor: {@value #INIT_SECRET_ENV} and {@value
 * #INIT_SECRET_PROPERTY} name the environment variables and system properties holding the secret
 * (comma-separated names, one secret per variable used byte for byte; the previous one during a rotation in
 * {@value #INIT_PREVIOUS_SECRET_ENV} or {@value #INIT_PREVIOUS_SECRET_PROPERTY}), and
 * {@value #INIT_HEADER_NAME} names another header. Secrets are never written in the file.
 *
 * <p>Thread-safe once initialised.
 */
public final class SharedSecretFilter implements Filter {
    /** Init-param: the header carrying the secret. Default {@code X-Scanner-Secret}. */
    public static final String INIT_HEADER_NAME = "header-name";
    /** Init-param: comma-separated names of environment variables, each holding one secret byte for byte */
    public static final String INIT_SECRET_ENV = "secret-env";
    /** Init-param: comma-separated names of system properties, each holding one secret byte for byte */
    public static final String INIT_SECRET_PROPERTY = "secret-property";
    /**
     * Init-param: comma-separated names of environment variables holding the previous secret during a
     * rotation, byte for byte; a variable that is unset or empty holds none (so the rotation ends by
     * unsetting it).
     */
    public static final String INIT_PREVIOUS_SECRET_ENV = "previous-secret-env";
    /** Init-param: like {@value #INIT_PREVIOUS_SECRET_ENV}, naming system properties. */
    public static final String INIT_PREVIOUS_SECRET_PROPERTY = "previous-secret-property";

    private final InitParams initParams = new InitParams(System::getenv, System::getProperty);
    private volatile SharedSecretCheck check;

    /**
     * A filter configured from code; {@link #init} ignores any init-params.
     *
     * @throws NullPointerException if {@code check} is null
     */
    public SharedSecretFilter(SharedSecretCheck check) {
        this.check = Objects.requireNonNull(check, "check");
    }

    /** A filter configured by its init-params in {@link #init}, for {@code web.xml}. */
    public SharedSecretFilter() {}

    /**
     * Builds the check from the init-params unless this filter was given one.
     *
     * @throws ServletException if no secret is configured, a named variable is unset or blank, or an
     *     init-param is unknown or invalid; the message never contains a secret
     */
    @Override
    public void init(FilterConfig config) throws ServletException {
        if (check == null) {
            check = initParams.sharedSecretCheck(config);
        }
    }

    /**
     * Checks the header and answers 401, or passes the request on.
     *
     * @throws ServletException if the request is not HTTP or the filter was not initialised, or as
     *     thrown by the rest of the chain
     * @throws IOException if the answer cannot be written, or as thrown by the rest of the chain
     */
    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
            throw new ServletException("SharedSecretFilter serves HTTP requests only");
        }
        SharedSecretCheck current = check;
        if (current == null) {
            throw new ServletException("SharedSecretFilter was not initialised: init(FilterConfig) not called");
        }
        List<String> values = Collections.list(request.getHeaders(current.headerName()));
        HttpAnswer refusal = current.check(values.size() == 1 ? values.get(0) : null);
        if (refusal != null) {
            Answers.write(refusal, response);
            return;
        }
        chain.doFilter(request, response);
    }

    @Override
    public String toString() {
        return "SharedSecretFilter[" + check + "]";
    }
}
