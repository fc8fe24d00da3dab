package com.webriskops.webhooks.jaxrs.testing;

import com.webriskops.webhooks.idempotency.IdempotentRequests;
import com.webriskops.webhooks.idempotency.SharedSecretCheck;
import com.webriskops.webhooks.jaxrs.IdempotentApiFeature;
import com.webriskops.webhooks.jaxrs.IdempotentRequest;
import com.webriskops.webhooks.jaxrs.SharedSecretRequired;
import com.webriskops.webhooks.testing.ScannerHandler;
import jakarta.annotation.Nullable;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/**
 * The scanner postback application the idempotency tests serve on every runtime: {@link
 * IdempotentApiFeature} and one resource at {@code /api/scanner/results} calling the test's {@link
 * ScannerHandler}.
 */
public final class IdempotencyTestApplication extends SingletonApplication {
    public IdempotencyTestApplication(
            IdempotentRequests idempotency, @Nullable SharedSecretCheck check, ScannerHandler handler) {
        super(feature(idempotency, check), new ScannerResource(handler));
    }

    private static IdempotentApiFeature feature(IdempotentRequests idempotency, @Nullable SharedSecretCheck check) {
        IdempotentApiFeature.Builder feature = IdempotentApiFeature.builder().idempotentRequests(idempotency);
        if (check != null) {
            feature.sharedSecretCheck(check);
        }
        return feature.build();
    }

    /** The scanner postback endpoint. */
    @Path("api/scanner/results")
    public static final class ScannerResource {
        private final ScannerHandler handler;

        ScannerResource(ScannerHandler handler) {
            this.handler = handler;
        }

        /** Hands the body to the handler and writes its answer. */
        @POST
        @SharedSecretRequired
        @IdempotentRequest
        public Response submit(byte[] body) {
            ScannerHandler.Answer answer = handler.handle(body);
            return Response.status(answer.status())
                    .type(ScannerHandler.CONTENT_TYPE)
                    .entity(answer.body())
                    .build();
        }
    }
}
