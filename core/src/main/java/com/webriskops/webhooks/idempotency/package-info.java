/**
 * Idempotent API requests and the shared-secret header check, for endpoints that clients retry, such
 * as the scanner postback {@code POST /api/scanner/results} with {@code X-Scanner-Secret} and {@code
 * Idempotency-Key}.
 *
 * <p>{@link com.webriskops.webhooks.idempotency.IdempotentRequests} makes every decision: the
 * adapters (a JAX-RS filter pair, a servlet filter) only translate between their container and it.
 * {@link com.webriskops.webhooks.idempotency.SharedSecretCheck} compares a header with configured
 * secrets in constant time. Answers they give themselves are {@code application/problem+json} with a
 * {@code code} member ({@link com.webriskops.webhooks.protocol.ErrorCode}); they never echo a
 * secret, a key or a body.
 */
package com.webriskops.webhooks.idempotency;
