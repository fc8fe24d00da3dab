package com.webriskops.webhooks.jaxrs;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the resource methods (or every method of a resource class) whose requests may carry an
 * {@code Idempotency-Key}: once {@link IdempotentApiFeature} is registered with an {@link
 * com.webriskops.webhooks.idempotency.IdempotentRequests}, a retry with the same key and request gets
 * the stored answer without the method running again. Requests without the header are untouched.
 *
 * <pre>{@code
 * @POST
 * @Path("/api/scanner/results")
 * @SharedSecretRequired
 * @IdempotentRequest
 * public Response submit(byte[] body) { ... }
 * }</pre>
 */
@NameBinding
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface IdempotentRequest {}
