package com.webriskops.webhooks.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a Spring MVC handler method safe to retry with an {@code Idempotency-Key} header: the first
 * request with a key runs and its answer is stored; a retry with the same key and the same request
 * gets the stored answer without running the method again; the same key with a different request gets
 * 422, and a retry while the first still runs gets 409. Requests without the header run as usual.
 * When {@code webriskops.webhooks.idempotency.shared-secrets} is set, the request must also carry one
 * of them in the shared-secret header ({@code X-Scanner-Secret} by default), else 401.
 *
 * <pre>{@code
 * @IdempotentEndpoint
 * @PostMapping("/api/scanner/results")
 * ResponseEntity<Result> postResults(@RequestBody ScannerResults results) { ... }
 * }</pre>
 *
 * <p>On a class, every handler method of the controller is idempotent. The same applies to the servlet
 * URL patterns of {@code webriskops.webhooks.idempotency.paths}.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface IdempotentEndpoint {}
