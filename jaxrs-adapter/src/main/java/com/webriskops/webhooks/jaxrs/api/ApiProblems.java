package com.webriskops.webhooks.jaxrs.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.webriskops.webhooks.jaxrs.Answers;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.protocol.ErrorCode;
import com.webriskops.webhooks.receiver.ProblemDetails;
import com.webriskops.webhooks.receiver.Violation;
import com.webriskops.webhooks.sender.target.TargetSafety.ApiRules.Verdict;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The API's refusals, rendered by core's {@link ProblemDetails} like every other refusal of the kit. */
final class ApiProblems {
    private ApiProblems() {}

    static Response problem(int status, ErrorCode code, String detail) {
        return Answers.toResponse(ProblemDetails.render(status, code.wireValue(), detail));
    }

    static Response notFound(String detail) {
        return problem(404, ErrorCode.NOT_FOUND, detail);
    }

    static Response invalid(List<Violation> violations) {
        return Answers.toResponse(ProblemDetails.render(
                422,
                ErrorCode.VALIDATION_FAILED.wireValue(),
                "the request has invalid fields",
                violations,
                null,
                Map.of()));
    }

    static Response invalid(String field, String message) {
        return invalid(List.of(new Violation(field, message)));
    }

    /** The refusal core's {@link Verdict} decided: its status, code, provider code and every violation. */
    static Response verdict(Verdict verdict) {
        return Answers.toResponse(ProblemDetails.render(
                verdict.status(),
                Objects.requireNonNull(verdict.code()).wireValue(),
                verdict.detail(),
                verdict.violations(),
                null,
                verdict.providerCode() == null
                        ? Map.of()
                        : Map.of("provider_code", verdict.providerCode().wireValue())));
    }

    /** JSON bytes of an API answer body. */
    static byte[] bytes(Object value) {
        try {
            return WebhookJson.mapper().writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise an API answer", e);
        }
    }
}
