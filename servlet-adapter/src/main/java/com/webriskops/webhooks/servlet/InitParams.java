package com.webriskops.webhooks.servlet;

import static com.webriskops.webhooks.servlet.WebRiskOpsWebhookFilter.INIT_MAX_BODY_BYTES;
import static com.webriskops.webhooks.servlet.WebRiskOpsWebhookFilter.INIT_PREVIOUS_SECRET_ENV;
import static com.webriskops.webhooks.servlet.WebRiskOpsWebhookFilter.INIT_PREVIOUS_SECRET_PROPERTY;
import static com.webriskops.webhooks.servlet.WebRiskOpsWebhookFilter.INIT_SECRET_ENV;
import static com.webriskops.webhooks.servlet.WebRiskOpsWebhookFilter.INIT_SECRET_PROPERTY;
import static com.webriskops.webhooks.servlet.WebRiskOpsWebhookFilter.INIT_TIMESTAMP_TOLERANCE_SECONDS;

import com.webriskops.webhooks.idempotency.IdempotentRequests;
import com.webriskops.webhooks.idempotency.SharedSecretCheck;
import com.webriskops.webhooks.idempotency.SharedSecretCheck.SharedSecret;
import com.webriskops.webhooks.payload.TicketExportWebhook;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.signing.WebhookSecret;
import jakarta.annotation.Nullable;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Builds the servlet filters' collaborators from {@code web.xml} init-params: the {@link WebhookReceiver},
 * the {@link SharedSecretCheck} and the {@link IdempotentRequests}. Secrets are named, never
 * written: each name is looked up as an environment variable or a system property. Error messages name
 * variables and parameters, never a secret's value.
 */
final class InitParams {
    private static final String WEBHOOK_SECRET = "webhook secret";
    private static final Set<String> KNOWN = Set.of(
            INIT_SECRET_ENV,
            INIT_SECRET_PROPERTY,
            INIT_PREVIOUS_SECRET_ENV,
            INIT_PREVIOUS_SECRET_PROPERTY,
            INIT_TIMESTAMP_TOLERANCE_SECONDS,
            INIT_MAX_BODY_BYTES);

    private final UnaryOperator<String> environment;
    private final UnaryOperator<String> systemProperties;

    InitParams(UnaryOperator<String> environment, UnaryOperator<String> systemProperties) {
        this.environment = environment;
        this.systemProperties = systemProperties;
    }

    WebhookReceiver<TicketExportWebhook> receiver(FilterConfig config) throws ServletException {
        String filter = "Filter '" + config.getFilterName() + "'";
        checkKnown(filter, config, KNOWN);
        List<WebhookSecret> secrets = new ArrayList<>();
        secrets.addAll(secrets(
                filter,
                config.getInitParameter(INIT_SECRET_ENV),
                WEBHOOK_SECRET + " environment variable",
                environment,
                WebhookSecret::of));
        secrets.addAll(secrets(
                filter,
                config.getInitParameter(INIT_SECRET_PROPERTY),
                WEBHOOK_SECRET + " system property",
                systemProperties,
                WebhookSecret::of));
        if (!secrets.isEmpty()) {
            secrets.addAll(previousSecrets(
                    filter,
                    config.getInitParameter(INIT_PREVIOUS_SECRET_ENV),
                    WEBHOOK_SECRET + " environment variable",
                    environment,
                    WebhookSecret::of));
            secrets.addAll(previousSecrets(
                    filter,
                    config.getInitParameter(INIT_PREVIOUS_SECRET_PROPERTY),
                    WEBHOOK_SECRET + " system property",
                    systemProperties,
                    WebhookSecret::of));
        }
        if (secrets.isEmpty()) {
            throw new ServletException(filter + ": no webhook secret is configured; set init-param " + INIT_SECRET_ENV
                    + " (names of environment variables) or " + INIT_SECRET_PROPERTY
                    + " (names of system properties) holding the secret");
        }
        if (secrets.stream().anyMatch(WebhookSecret::isTooShortForReceiving)) {
            throw new ServletException(filter + ": a webhook secret is shorter than "
                    + WebhookSecret.MIN_RECEIVING_KEY_BYTES + " bytes; use a long random secret");
        }
        WebhookReceiver.Builder<TicketExportWebhook> builder =
                WebhookReceiver.builder().secrets(secrets);
        Long tolerance = number(filter, config, INIT_TIMESTAMP_TOLERANCE_SECONDS);
        Long maxBodyBytes = number(filter, config, INIT_MAX_BODY_BYTES);
        try {
            if (tolerance != null) {
                builder.timestampTolerance(Duration.ofSeconds(tolerance));
            }
            if (maxBodyBytes != null) {
                builder.maxBodyBytes((int) Math.min(maxBodyBytes, Integer.MAX_VALUE));
            }
        } catch (IllegalArgumentException e) {
            throw new ServletException(filter + ": " + e.getMessage(), e);
        }
        return builder.build();
    }

    SharedSecretCheck sharedSecretCheck(FilterConfig config) throws ServletException {
        String filter = "Filter '" + config.getFilterName() + "'";
        checkKnown(
                filter,
                config,
                Set.of(
                        SharedSecretFilter.INIT_HEADER_NAME,
                        SharedSecretFilter.INIT_SECRET_ENV,
                        SharedSecretFilter.INIT_SECRET_PROPERTY,
                        SharedSecretFilter.INIT_PREVIOUS_SECRET_ENV,
                        SharedSecretFilter.INIT_PREVIOUS_SECRET_PROPERTY));
        List<SharedSecret> secrets = new ArrayList<>();
        secrets.addAll(secrets(
                filter,
                config.getInitParameter(SharedSecretFilter.INIT_SECRET_ENV),
                "shared secret environment variable",
                environment,
                SharedSecret::of));
        secrets.addAll(secrets(
                filter,
                config.getInitParameter(SharedSecretFilter.INIT_SECRET_PROPERTY),
                "shared secret system property",
                systemProperties,
                SharedSecret::of));
        if (!secrets.isEmpty()) {
            secrets.addAll(previousSecrets(
                    filter,
                    config.getInitParameter(SharedSecretFilter.INIT_PREVIOUS_SECRET_ENV),
                    "shared secret environment variable",
                    environment,
                    SharedSecret::of));
            secrets.addAll(previousSecrets(
                    filter,
                    config.getInitParameter(SharedSecretFilter.INIT_PREVIOUS_SECRET_PROPERTY),
                    "shared secret system property",
                    systemProperties,
                    SharedSecret::of));
        }
        if (secrets.isEmpty()) {
            throw new ServletException(filter + ": no shared secret is configured; set init-param "
                    + SharedSecretFilter.INIT_SECRET_ENV + " or " + SharedSecretFilter.INIT_SECRET_PROPERTY);
        }
        SharedSecretCheck.Builder builder = SharedSecretCheck.builder().secrets(secrets);
        String header = config.getInitParameter(SharedSecretFilter.INIT_HEADER_NAME);
        try {
            if (header != null && !header.isBlank()) {
                builder.headerName(header.strip());
            }
        } catch (IllegalArgumentException e) {
            throw new ServletException(filter + ": " + e.getMessage(), e);
        }
        return builder.build();
    }

    IdempotentRequests idempotentRequests(FilterConfig config, @Nullable Clock clock) throws ServletException {
        String filter = "Filter '" + config.getFilterName() + "'";
        checkKnown(
                filter,
                config,
                Set.of(
                        IdempotencyFilter.INIT_KEY_TTL_SECONDS,
                        IdempotencyFilter.INIT_CLAIM_LEASE_SECONDS,
                        IdempotencyFilter.INIT_MAX_STORED_BODY_BYTES,
                        IdempotencyFilter.INIT_MAX_REQUEST_BODY_BYTES));
        IdempotentRequests.Builder builder = IdempotentRequests.builder();
        if (clock != null) {
            builder.clock(clock);
        }
        Long ttl = number(filter, config, IdempotencyFilter.INIT_KEY_TTL_SECONDS);
        Long lease = number(filter, config, IdempotencyFilter.INIT_CLAIM_LEASE_SECONDS);
        Long stored = number(filter, config, IdempotencyFilter.INIT_MAX_STORED_BODY_BYTES);
        Long request = number(filter, config, IdempotencyFilter.INIT_MAX_REQUEST_BODY_BYTES);
        try {
            if (ttl != null) {
                builder.keyTimeToLive(Duration.ofSeconds(ttl));
            }
            if (lease != null) {
                builder.claimLease(Duration.ofSeconds(lease));
            }
            if (stored != null) {
                builder.maxStoredBodyBytes((int) Math.max(Integer.MIN_VALUE, Math.min(stored, Integer.MAX_VALUE)));
            }
            if (request != null) {
                builder.maxRequestBodyBytes((int) Math.max(Integer.MIN_VALUE, Math.min(request, Integer.MAX_VALUE)));
            }
        } catch (IllegalArgumentException e) {
            throw new ServletException(filter + ": " + e.getMessage(), e);
        }
        return builder.build();
    }

    /**
     * The secrets held by the comma-separated variable names in {@code names}: one secret per variable,
     * its value used byte for byte (nothing trimmed or split). Every named variable must be set and
     * non-empty.
     */
    private static <S> List<S> secrets(
            String filter, @Nullable String names, String what, UnaryOperator<String> lookUp, Function<String, S> wrap)
            throws ServletException {
        return secrets(filter, names, what, lookUp, wrap, true);
    }

    /** The previous secrets during a rotation: like the current ones, but an unset or empty variable holds none. */
    private static <S> List<S> previousSecrets(
            String filter, @Nullable String names, String what, UnaryOperator<String> lookUp, Function<String, S> wrap)
            throws ServletException {
        return secrets(filter, names, "previous " + what, lookUp, wrap, false);
    }

    private static <S> List<S> secrets(
            String filter,
            @Nullable String names,
            String what,
            UnaryOperator<String> lookUp,
            Function<String, S> wrap,
            boolean required)
            throws ServletException {
        List<S> secrets = new ArrayList<>();
        if (names == null || names.isBlank()) {
            return secrets;
        }
        for (String name : names.split(",", -1)) {
            String variable = name.strip();
            if (variable.isEmpty()) {
                continue;
            }
            String value = lookUp.apply(variable);
            if (!required && (value == null || value.isEmpty())) {
                continue;
            }
            if (value == null || value.isBlank()) {
                throw new ServletException(filter + ": the " + what + " '" + variable + "' is not set or is blank");
            }
            secrets.add(wrap.apply(value));
        }
        return secrets;
    }

    private static void checkKnown(String filter, FilterConfig config, Set<String> known) throws ServletException {
        for (String name : Collections.list(config.getInitParameterNames())) {
            if (!known.contains(name)) {
                throw new ServletException(filter + ": unknown init-param '" + name + "'; known: "
                        + String.join(", ", new TreeSet<>(known)));
            }
        }
    }

    @Nullable
    private static Long number(String filter, FilterConfig config, String name) throws ServletException {
        String value = config.getInitParameter(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        String digits = value.strip();
        boolean ascii = !digits.isEmpty() && digits.length() <= 18;
        for (int i = 0; ascii && i < digits.length(); i++) {
            ascii = digits.charAt(i) >= '0' && digits.charAt(i) <= '9';
        }
        if (!ascii) {
            // Only ASCII digits: Long.parseLong would also take "+5" and other scripts' digits.
            throw new ServletException(filter + ": init-param " + name
                    + " must be a whole number of at most 18 ASCII digits, not '" + value + "'");
        }
        return Long.parseLong(digits);
    }
}
