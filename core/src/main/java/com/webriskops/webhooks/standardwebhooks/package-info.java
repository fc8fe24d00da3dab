/**
 * The Standard Webhooks scheme (standardwebhooks.com, the envelope Svix sends): {@code webhook-id},
 * {@code webhook-timestamp} and {@code webhook-signature} headers, symmetric {@code v1} (HMAC-SHA256
 * with a {@code whsec_} secret) and asymmetric {@code v1a} (Ed25519 with {@code whpk_} / {@code whsk_}
 * keys) signatures. Register {@link com.webriskops.webhooks.standardwebhooks.StandardWebhooksScheme}
 * with {@code WebhookReceiver.builder(...)}; it is built on the public {@link
 * com.webriskops.webhooks.receiver.spi.WebhookScheme} SPI only, as any other scheme would be.
 */
package com.webriskops.webhooks.standardwebhooks;
