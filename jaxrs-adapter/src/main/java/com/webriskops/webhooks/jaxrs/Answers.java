package com.webriskops.webhooks.jaxrs;

import com.webriskops.webhooks.receiver.HttpAnswer;
import jakarta.ws.rs.core.Response;

/**
 * Turns core's {@link HttpAnswer}s (rejections, duplicates, idempotent replays, problems) into JAX-RS
 * responses, bytes unchanged. Stateless and thread-safe.
 */
public final class Answers {
    private Answers() {}

    /** A response with the answer's status, content type (if any), headers and exact body bytes. */
    public static Response toResponse(HttpAnswer answer) {
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
