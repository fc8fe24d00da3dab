package com.webriskops.webhooks.servlet;

import static com.webriskops.webhooks.servlet.WebRiskOpsWebhookFilter.INIT_MAX_BODY_BYTES;
import static com.webriskops.webhooks.servlet.WebRiskOpsWebhookFilter.INIT_SECRET_ENV;
import static com.webriskops.webhooks.servlet.WebRiskOpsWebhookFilter.INIT_SECRET_PROPERTY;
import static com.webriskops.webhooks.servlet.WebRiskOpsWebhookFilter.INIT_TIMESTAMP_TOLERANCE_SECONDS;

import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.signing.WebhookSecret;
import jakarta.annotation.Nullable;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Builds a {@link WebhookReceiver} from a filter's {@code web.xml} init-params. Secrets are named, never
 * written: each name is looked up as an environment variable or a system property. Error messages name
 * variables and parameters, never a secret's value.
 */
final class InitParams {
    private static final Set<String> KNOWN =
            Set.of(INIT_SECRET_ENV, INIT_SECRET_PROPERTY, INIT_TIMESTAMP_TOLERANCE_SECONDS, INIT_MAX_BODY_BYTES);

    private final UnaryOperator<String> environment;
    private final UnaryOperator<String> systemProperties;

    InitParams(UnaryOperator<String> environment, UnaryOperator<String> systemProperties) {
        this.environment = environment;
        this.systemProperties = systemProperties;
    }

    WebhookReceiver receiver(FilterConfig config) throws ServletException {
        String filter = "Filter '" + config.getFilterName() + "'";
        for (String name : Collections.list(config.getInitParameterNames())) {
            if (!KNOWN.contains(name)) {
                throw new ServletException(filter + ": unknown init-param '" + name + "'; known: " + INIT_SECRET_ENV
                        + ", " + INIT_SECRET_PROPERTY + ", " + INIT_TIMESTAMP_TOLERANCE_SECONDS + ", "
                        + INIT_MAX_BODY_BYTES);
            }
        }
        List<WebhookSecret> secrets = new ArrayList<>();
        secrets.addAll(secrets(filter, config.getInitParameter(INIT_SECRET_ENV), "environment variable", environment));
        secrets.addAll(
                secrets(filter, config.getInitParameter(INIT_SECRET_PROPERTY), "system property", systemProperties));
        if (secrets.isEmpty()) {
            throw new ServletException(filter + ": no webhook secret is configured; set init-param " + INIT_SECRET_ENV
                    + " (names of environment variables) or " + INIT_SECRET_PROPERTY
                    + " (names of system properties) holding the secret");
        }
        WebhookReceiver.Builder builder = WebhookReceiver.builder().secrets(secrets);
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

    /** The secrets held by the comma-separated variable names in {@code names}; each must be set. */
    private static List<WebhookSecret> secrets(
            String filter, @Nullable String names, String kind, UnaryOperator<String> lookUp) throws ServletException {
        List<WebhookSecret> secrets = new ArrayList<>();
        if (names == null || names.isBlank()) {
            return secrets;
        }
        for (String name : names.split(",", -1)) {
            String variable = name.strip();
            if (variable.isEmpty()) {
                continue;
            }
            String value = lookUp.apply(variable);
            if (value == null || value.isBlank()) {
                throw new ServletException(
                        filter + ": the webhook secret " + kind + " '" + variable + "' is not set or is blank");
            }
            for (String secret : value.split(",", -1)) {
                if (!secret.isBlank()) {
                    secrets.add(WebhookSecret.of(secret.strip()));
                }
            }
        }
        return secrets;
    }

    @Nullable
    private static Long number(String filter, FilterConfig config, String name) throws ServletException {
        String value = config.getInitParameter(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new ServletException(
                    filter + ": init-param " + name + " must be a whole number, not '" + value + "'", e);
        }
    }
}
