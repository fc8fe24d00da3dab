package com.webriskops.webhooks.receiver.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.receiver.Violation;
import jakarta.annotation.Nullable;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.io.IOException;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Parses and validates a body as a scheme's payload type: 400 when it is not JSON, 422 with every
 * violation when it is JSON but not a valid payload. Thread-safe. Not API: schemes use {@link
 * com.webriskops.webhooks.receiver.spi.PayloadCheck#read}.
 */
public final class PayloadReader {
    private static final ValidatorFactory VALIDATOR_FACTORY = Validation.byDefaultProvider()
            .configure()
            // Plain {min}/{max} interpolation: no Expression Language implementation needed at run time.
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory();

    private static final Validator VALIDATOR = VALIDATOR_FACTORY.getValidator();

    private static final ConcurrentHashMap<Class<?>, ObjectReader> READERS = new ConcurrentHashMap<>();

    private PayloadReader() {}

    /** The kit's reader for {@code type}; trailing content is checked by the caller, on the same parser. */
    private static ObjectReader readerFor(Class<?> type) {
        return READERS.computeIfAbsent(
                type, t -> WebhookJson.mapper().readerFor(t).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS));
    }

    private static <T> Result<T> notAnObject(byte[] body) {
        return isJson(body)
                ? new Result<>(null, null, List.of(new Violation("$", "must be a JSON object")))
                : new Result<>(null, "The body is not valid JSON.", List.of());
    }

    /** True when {@code body} is one well-formed JSON value and nothing else. */
    private static boolean isJson(byte[] body) {
        try (JsonParser parser = WebhookJson.mapper().createParser(body)) {
            if (parser.nextToken() == null) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The outcome: a syntax error alone (400), or violations (422) with the payload when it could be
     * mapped, or the payload alone.
     */
    public record Result<T>(@Nullable T payload, @Nullable String syntaxError, List<Violation> violations) {}

    /**
     * Reads {@code body} as a {@code type}.
     *
     * @param envelope the envelope's name for the one violation of a body Jackson cannot map at all
     *     ("is not a ticket-export.webhook.v1 payload"), or null for "is not a valid payload"
     */
    public static <T> Result<T> read(byte[] body, Class<T> type, @Nullable String envelope) {
        // One streaming pass on the hot path; the error paths re-scan the body to tell "not JSON"
        // (400) from "JSON, but not this payload" (422).
        T payload;
        try (JsonParser parser = WebhookJson.mapper().createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new Result<>(null, "The body is empty.", List.of());
            }
            if (first != JsonToken.START_OBJECT) {
                return notAnObject(body);
            }
            payload = readerFor(type).readValue(parser);
            if (parser.nextToken() != null) {
                return new Result<>(null, "The body is not valid JSON.", List.of());
            }
        } catch (DatabindException e) {
            return isJson(body)
                    ? new Result<>(null, null, List.of(mappingViolation((JsonMappingException) e)))
                    : new Result<>(null, "The body is not valid JSON.", List.of());
        } catch (IOException e) {
            return new Result<>(null, "The body is not valid JSON.", List.of());
        } catch (IllegalArgumentException e) {
            String what = envelope != null ? "a " + envelope : "a valid";
            return new Result<>(null, null, List.of(new Violation("$", "is not " + what + " payload")));
        }
        if (payload == null) {
            return notAnObject(body);
        }
        List<Violation> violations = VALIDATOR.validate(payload).stream()
                .map(PayloadReader::toViolation)
                .distinct()
                .sorted(Comparator.comparing(Violation::field).thenComparing(Violation::message))
                .collect(Collectors.toList());
        return new Result<>(payload, null, violations);
    }

    private static Violation mappingViolation(JsonMappingException e) {
        String field = path(e.getPath());
        if (e instanceof InvalidFormatException invalid
                && invalid.getTargetType().isEnum()) {
            String allowed = Arrays.stream(invalid.getTargetType().getEnumConstants())
                    .map(constant -> constant.toString().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", "));
            return new Violation(field, "must be one of: " + allowed);
        }
        if (e instanceof MismatchedInputException mismatched
                && mismatched.getTargetType() != null
                && Temporal.class.isAssignableFrom(mismatched.getTargetType())) {
            return new Violation(field, "must be an RFC 3339 date-time with an offset");
        }
        if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            return new Violation(field, "has the wrong type (expected " + jsonType(mismatched.getTargetType()) + ")");
        }
        return new Violation(field, "cannot be read");
    }

    private static String jsonType(Class<?> type) {
        if (type == String.class) {
            return "string";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "array";
        }
        return "object";
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "$" : path.toString();
    }

    /**
     * Every Bean Validation violation of {@code bean}, with wire paths ({@code
     * private_network_allowlist[0]}), ordered by path; messages never quote the value.
     */
    public static <T> List<Violation> validate(T bean) {
        return VALIDATOR.validate(bean).stream()
                .map(PayloadReader::toViolation)
                .sorted(java.util.Comparator.comparing(Violation::field).thenComparing(Violation::message))
                .toList();
    }

    private static <T> Violation toViolation(ConstraintViolation<T> violation) {
        return new Violation(wirePath(violation.getPropertyPath()), violation.getMessage());
    }

    /** {@code ticketExport.evidenceLinks[0].url} becomes {@code ticket_export.evidence_links[0].url}. */
    static String wirePath(Path path) {
        StringBuilder out = new StringBuilder();
        for (Path.Node node : path) {
            // A node inside a list carries the list's index: it belongs after the previous name.
            if (node.isInIterable() && node.getIndex() != null) {
                out.append('[').append(node.getIndex()).append(']');
            }
            String name = node.getName();
            if (name == null || name.startsWith("<")) {
                continue;
            }
            if (out.length() > 0) {
                out.append('.');
            }
            out.append(snakeCase(name));
        }
        return out.length() == 0 ? "$" : out.toString();
    }

    static String snakeCase(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
