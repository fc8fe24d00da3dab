package com.webriskops.webhooks.jaxrs;

import com.webriskops.webhooks.idempotency.ApiAnswer;
import jakarta.ws.rs.core.Response;

/** Turns core's answers into JAX-RS responses, bytes unchanged. */
final class Answers {
    private Answers() {}

    static Response toResponse(ApiAnswer answer) {
        Response.ResponseBuilder response = Response.status(answer.status());
        if (answer.contentType() != null) {
            response.header("Content-Type", answer.contentType());
        }
        if (answer.bodyLength() > 0) {
            response.entity(answer.body());
        }
        answer.headers().forEach(response::header);
        return response.build();
    }
}
