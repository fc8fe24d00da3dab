package com.webriskops.webhooks.samples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.signing.WebhookSecret;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a command sees of the outside world: environment, standard streams. Tests pass their own, so
 * no command reads {@link System#getenv()} or writes {@link System#out} directly.
 */
record Console(Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
    /** The environment variable holding the signing secret (comma-separated during a rotation). */
    static final String SECRET_ENV = "WEBRISKOPS_WEBHOOK_SECRET";

    /** The secrets from {@link #SECRET_ENV}, or a {@link UsageException} when it is unset or blank. */
    List<WebhookSecret> secrets() {
        List<WebhookSecret> secrets = secretsIfSet();
        if (secrets.isEmpty()) {
            throw new UsageException(
                    "set " + SECRET_ENV + " to the signing secret (comma-separated during a rotation)");
        }
        return secrets;
    }

    /** The secrets from {@link #SECRET_ENV}, empty when unset. */
    List<WebhookSecret> secretsIfSet() {
        String value = env.get(SECRET_ENV);
        List<WebhookSecret> secrets = new ArrayList<>();
        if (value != null) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    secrets.add(WebhookSecret.of(part.strip()));
                }
            }
        }
        return secrets;
    }

    /** Prints {@code value} as one line of JSON (snake_case, the kit's mapper). */
    void printJson(Object value) {
        out.println(json(value));
    }

    static String json(Object value) {
        try {
            return WebhookJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write JSON", e);
        }
    }
}
