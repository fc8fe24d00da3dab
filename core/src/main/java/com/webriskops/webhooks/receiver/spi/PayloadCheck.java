package com.webriskops.webhooks.receiver.spi;

import com.webriskops.webhooks.receiver.Violation;
import com.webriskops.webhooks.receiver.internal.PayloadReader;
import jakarta.annotation.Nullable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link WebhookScheme} found when it read a body: a {@link Valid} payload, a body that is not
 * JSON ({@link Malformed}, answered 400) or JSON that is not a valid payload ({@link Invalid},
 * answered 422 with every violation). Immutable.
 *
 * @param <T> the payload type
 */
public sealed interface PayloadCheck<T> {
    /**
     * Parses {@code body} as JSON into {@code type} and checks its Bean Validation constraints, with
     * the settings the kit reads every payload with ({@link
     * com.webriskops.webhooks.payload.WebhookJson}: duplicate members and trailing content refused,
     * nesting bounded, unknown members ignored; messages without Expression Language). Violations are
     * named by their wire path ({@code snake_case}, {@code a.b[0].c}), sorted. Thread-safe; never
     * throws for any body.
     *
     * @throws IllegalArgumentException if {@code type} cannot be read from JSON at all
     */
    static <T> PayloadCheck<T> read(byte[] body, Class<T> type) {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(type, "type");
        PayloadReader.Result<T> result = PayloadReader.read(body, type, null);
        if (result.syntaxError() != null) {
            return new Malformed<>(result.syntaxError());
        }
        if (!result.violations().isEmpty()) {
            return new Invalid<>(result.violations());
        }
        return new Valid<>(Objects.requireNonNull(result.payload()));
    }

    /**
     * This check with {@code more} violations (agreement with the headers, say): a valid payload
     * becomes {@link Invalid} when there are any; a malformed body stays malformed.
     */
    default PayloadCheck<T> withViolations(List<Violation> more) {
        Objects.requireNonNull(more, "more");
        if (more.isEmpty() || this instanceof Malformed<T>) {
            return this;
        }
        List<Violation> all = new ArrayList<>();
        if (this instanceof Invalid<T> invalid) {
            all.addAll(invalid.violations());
        }
        all.addAll(more);
        return new Invalid<>(all);
    }

    /** The payload if this check is {@link Valid}, else null. */
    @Nullable
    default T payloadOrNull() {
        return this instanceof Valid<T> valid ? valid.payload() : null;
    }

    /**
     * A valid payload.
     *
     * @param payload the typed payload
     */
    record Valid<T>(T payload) implements PayloadCheck<T> {
        public Valid {
            Objects.requireNonNull(payload, "payload");
        }
    }

    /**
     * The body is not JSON (or is empty): answered 400 {@code WEBHOOK_VALIDATION_FAILED}.
     *
     * @param detail a human-readable sentence; never body content
     */
    record Malformed<T>(String detail) implements PayloadCheck<T> {
        public Malformed {
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * The body is JSON but not a valid payload: answered 422 {@code WEBHOOK_VALIDATION_FAILED} listing
     * every violation.
     *
     * @param violations at least one
     */
    record Invalid<T>(List<Violation> violations) implements PayloadCheck<T> {
        public Invalid {
            violations = List.copyOf(violations);
            if (violations.isEmpty()) {
                throw new IllegalArgumentException("violations must not be empty");
            }
        }
    }
}
