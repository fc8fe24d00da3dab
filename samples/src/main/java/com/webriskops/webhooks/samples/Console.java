package com.webriskops.webhooks.samples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.signing.WebhookSecret;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What a command sees of the outside world: environment, standard streams. Tests pass their own, so
 * no command reads {@link System#getenv()} or writes {@link System#out} directly.
 */
record Console(Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
    /** The environment variable holding the signing secret, used byte for byte. */
    static final String SECRET_ENV = "WEBRISKOPS_WEBHOOK_SECRET";

    /** Appended to a secret variable's name: the variable holding the previous secret during a rotation. */
    static final String PREVIOUS = "_PREVIOUS";

    /** How the help texts describe a secret variable and its rotation. */
    static final String ROTATION_HELP =
            "used byte for byte; during a rotation, the old one in the variable + " + PREVIOUS;

    /** The secrets from {@link #SECRET_ENV} (and its previous), or a {@link UsageException} when unset. */
    List<WebhookSecret> secrets() {
        List<WebhookSecret> secrets = secretsIfSet();
        if (secrets.isEmpty()) {
            throw new UsageException("set " + SECRET_ENV + " to the signing secret (" + SECRET_ENV + PREVIOUS
                    + " to the previous one during a rotation)");
        }
        return secrets;
    }

    /** The flag telling a verifying command that its secrets are test keys, which may be short. */
    static final String TEST_SECRET_FLAG = "test-secret";

    /**
     * Like {@link #secrets()} for a command that verifies: a key shorter than {@value
     * WebhookSecret#MIN_RECEIVING_KEY_BYTES} bytes is a {@link UsageException}, as a receiver refuses it,
     * unless {@code testKeys} (the {@code --test-secret} flag) says the secrets are test keys.
     */
    List<WebhookSecret> receivingSecrets(boolean testKeys) {
        if (testKeys) {
            List<WebhookSecret> secrets = secretsFrom(SECRET_ENV, WebhookSecret::forTesting);
            return secrets.isEmpty() ? secrets() : secrets;
        }
        return checkedLength(SECRET_ENV, secrets());
    }

    /** {@code secrets}, or a {@link UsageException} naming {@code variable} when one is too short to receive with. */
    static List<WebhookSecret> checkedLength(String variable, List<WebhookSecret> secrets) {
        if (secrets.stream().anyMatch(WebhookSecret::isTooShortForReceiving)) {
            throw new UsageException(variable + " (or " + variable + PREVIOUS + ") is shorter than "
                    + WebhookSecret.MIN_RECEIVING_KEY_BYTES + " bytes; a receiver refuses so short a key (--"
                    + TEST_SECRET_FLAG + " accepts a test key)");
        }
        return secrets;
    }

    /** The secrets from {@link #SECRET_ENV} and {@link #SECRET_ENV}{@code _PREVIOUS}, empty when unset. */
    List<WebhookSecret> secretsIfSet() {
        return secretsFrom(SECRET_ENV, WebhookSecret::of);
    }

    /**
     * The secret in {@code variable} and, during a rotation, the previous one in {@code variable}
     * {@value #PREVIOUS}: each value byte for byte (nothing trimmed or split); an empty or unset variable
     * holds none.
     *
     * @throws UsageException if {@code wrap} refuses a value (the message names the variable, not the value)
     */
    <S> List<S> secretsFrom(String variable, Function<String, S> wrap) {
        List<S> secrets = new ArrayList<>();
        for (String name : List.of(variable, variable + PREVIOUS)) {
            String value = env.get(name);
            if (value == null || value.isEmpty()) {
                continue;
            }
            try {
                secrets.add(wrap.apply(value));
            } catch (IllegalArgumentException e) {
                throw new UsageException(name + ": " + e.getMessage());
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
