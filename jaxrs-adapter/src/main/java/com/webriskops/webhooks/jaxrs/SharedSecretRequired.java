package com.webriskops.webhooks.jaxrs;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the resource methods (or every method of a resource class) that run only for requests whose
 * shared-secret header (such as {@code X-Scanner-Secret}) matches, once {@link IdempotentApiFeature}
 * is registered with a {@link com.webriskops.webhooks.idempotency.SharedSecretCheck}; other requests
 * get 401 {@code UNAUTHORIZED}. The check runs at {@link jakarta.ws.rs.Priorities#AUTHENTICATION},
 * before the {@link IdempotentRequest} filter.
 */
@NameBinding
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface SharedSecretRequired {}
