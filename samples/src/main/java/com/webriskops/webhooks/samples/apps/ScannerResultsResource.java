package com.webriskops.webhooks.samples.apps;

import com.webriskops.webhooks.jaxrs.IdempotentRequest;
import com.webriskops.webhooks.jaxrs.SharedSecretRequired;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The JAX-RS resource of the Jersey example's scanner postback: runs only when {@code
 * X-Scanner-Secret} matches, and once per {@code Idempotency-Key} (a retry gets the stored 202 from
 * {@code IdempotentApiFeature} without this method running). Thread-safe when the handler is.
 */
@Path(ScannerEndpoint.PATH)
public class ScannerResultsResource {
    private final Consumer<ScannerResult> handler;

    /** A resource that passes each accepted result to {@code handler}. */
    public ScannerResultsResource(Consumer<ScannerResult> handler) {
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    /** Accepts one scanner result: 202 with its new id, or 400 {@code VALIDATION_FAILED}. */
    @POST
    @SharedSecretRequired
    @IdempotentRequest
    public Response submit(byte[] body) {
        ScannerResults.Answer answer = ScannerResults.accept(body, handler);
        return Response.status(answer.status())
                .type(answer.contentType())
                .entity(answer.body())
                .build();
    }
}
