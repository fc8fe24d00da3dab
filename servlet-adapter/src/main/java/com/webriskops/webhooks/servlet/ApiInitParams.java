package com.webriskops.webhooks.servlet;

import com.webriskops.webhooks.idempotency.IdempotentRequests;
import com.webriskops.webhooks.idempotency.SharedSecret;
import com.webriskops.webhooks.idempotency.SharedSecretCheck;
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
 * Builds {@link SharedSecretFilter}'s check and {@link IdempotencyFilter}'s engine from {@code web.xml}
 * init-params. Secrets are named (environment variables, system properties), never written; error
 * messages name parameters and variables, never a secret's value.
 */
final class ApiInitParams {
    private final UnaryOperator<String> environment;
    private final UnaryOperator<String> systemProperties;

    ApiInitParams(UnaryOperator<String> environment, UnaryOperator<String> systemProperties) {
        this.environment = environment;
        this.systemProperties = systemProperties;
    }

    SharedSecretCheck sharedSecretCheck(FilterConfig config) throws ServletException {
        String filter = "Filter '" + config.getFilterName() + "'";
        checkKnown(
                filter,
                config,
                Set.of(
                        SharedSecretFilter.INIT_HEADER_NAME,
                        SharedSecretFilter.INIT_SECRET_ENV,
                        SharedSecretFilter.INIT_SECRET_PROPERTY));
        List<SharedSecret> secrets = new ArrayList<>();
        secrets.addAll(secrets(
                filter,
                config.getInitParameter(SharedSecretFilter.INIT_SECRET_ENV),
                "environment variable",
                environment));
        secrets.addAll(secrets(
                filter,
                config.getInitParameter(SharedSecretFilter.INIT_SECRET_PROPERTY),
                "system property",
                systemProperties));
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

    IdempotentRequests idempotentRequests(FilterConfig config) throws ServletException {
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

    private static void checkKnown(String filter, FilterConfig config, Set<String> known) throws ServletException {
        for (String name : Collections.list(config.getInitParameterNames())) {
            if (!known.contains(name)) {
                throw new ServletException(filter + ": unknown init-param '" + name + "'; known: "
                        + String.join(", ", new java.util.TreeSet<>(known)));
            }
        }
    }

    private static List<SharedSecret> secrets(
            String filter, @Nullable String names, String kind, UnaryOperator<String> lookUp) throws ServletException {
        List<SharedSecret> secrets = new ArrayList<>();
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
                        filter + ": the shared secret " + kind + " '" + variable + "' is not set or is blank");
            }
            for (String secret : value.split(",", -1)) {
                if (!secret.isBlank()) {
                    secrets.add(SharedSecret.of(secret.strip()));
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
