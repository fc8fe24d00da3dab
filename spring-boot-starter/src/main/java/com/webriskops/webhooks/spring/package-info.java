/**
 * Spring Boot integration: {@code webriskops.webhooks.*} properties ({@link
 * com.webriskops.webhooks.spring.WebRiskOpsWebhooksProperties}), {@link
 * com.webriskops.webhooks.receiver.VerifiedDelivery} as a handler-method argument, {@link
 * com.webriskops.webhooks.spring.IdempotentEndpoint} handler methods and the embedded sender's {@link
 * com.webriskops.webhooks.spring.WebhookOutbox}. The auto-configuration lives in {@code
 * com.webriskops.webhooks.spring.autoconfigure}; every bean it declares backs off when the application
 * declares its own.
 */
package com.webriskops.webhooks.spring;
