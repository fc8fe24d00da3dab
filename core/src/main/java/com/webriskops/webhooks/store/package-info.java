/**
 * The state a receiver keeps: a {@link com.webriskops.webhooks.store.ReplayStore} for nonces and an
 * {@link com.webriskops.webhooks.store.IdempotencyStore} for the duplicate guard, with bounded,
 * expiring in-memory implementations. Durable implementations live in the jdbi-store module.
 */
package com.webriskops.webhooks.store;
